//! Expected strings below come from OTP 25's `erl`.
#![allow(clippy::approx_constant)] // literal test data from erl

use super::*;

fn dec(f: f64, n: u32) -> Option<String> {
    format_float(
        f,
        FloatFormat::Decimals {
            decimals: n,
            compact: false,
        },
    )
}

fn dec_c(f: f64, n: u32) -> Option<String> {
    format_float(
        f,
        FloatFormat::Decimals {
            decimals: n,
            compact: true,
        },
    )
}

fn sci(f: f64, n: u32) -> String {
    format_float(f, FloatFormat::Scientific(n)).unwrap()
}

fn short_(f: f64) -> String {
    format_float(f, FloatFormat::Short).unwrap()
}

#[test]
fn default_is_scientific_20() {
    let d = |f| format_float(f, FloatFormat::default()).unwrap();
    assert_eq!(d(0.1), "1.00000000000000005551e-01");
    assert_eq!(d(1.0), "1.00000000000000000000e+00");
    assert_eq!(d(-0.0), "-0.00000000000000000000e+00");
    assert_eq!(d(5.0e-324), "4.94065645841246544177e-324");
    assert_eq!(d(1.7976931348623157e308), "1.79769313486231570815e+308");
    assert_eq!(d(2.5), "2.50000000000000000000e+00");
    assert_eq!(d(123456789012345680.0), "1.23456789012345680000e+17");
}

#[test]
fn scientific() {
    assert_eq!(sci(2.5, 0), "2e+00");
    assert_eq!(sci(3.5, 0), "4e+00");
    assert_eq!(sci(0.125, 2), "1.25e-01");
    assert_eq!(sci(0.375, 1), "3.8e-01");
    assert_eq!(sci(9.995, 2), "9.99e+00");
    assert_eq!(sci(9.9999, 2), "1.00e+01");
    assert_eq!(sci(1.0e-300, 3), "1.000e-300");
    assert_eq!(sci(0.0, 3), "0.000e+00");
    assert_eq!(sci(1.0, 0), "1e+00");
    assert_eq!(sci(123.456, 2), "1.23e+02");
    assert_eq!(sci(1.0, 249).len(), 255);
}

#[test]
fn display() {
    assert_eq!(display_float(3.14), "3.140000e+00");
    assert_eq!(display_float(1.0e300), "1.000000e+300");
    assert_eq!(display_float(-0.0), "-0.000000e+00");
    assert_eq!(display_float(0.1), "1.000000e-01");
    assert_eq!(display_float(123456789.0), "1.234568e+08");
    assert_eq!(display_float(1.0e-300), "1.000000e-300");
    assert_eq!(display_float(5.0e-324), "4.940656e-324");
    assert_eq!(display_float(2.5e-7), "2.500000e-07");
}

#[test]
fn decimals() {
    let s = |x: Option<String>| x.unwrap();
    assert_eq!(s(dec(0.125, 2)), "0.13");
    assert_eq!(s(dec(1.0049999, 2)), "1.00");
    assert_eq!(s(dec(1.0044, 2)), "1.00");
    assert_eq!(s(dec(0.5, 0)), "1");
    assert_eq!(s(dec(1.5, 0)), "2");
    assert_eq!(s(dec(2.5, 0)), "3");
    assert_eq!(s(dec(123.456, 1)), "123.5");
    assert_eq!(s(dec(1.0e20, 2)), "100000000000000000000.00");
    assert_eq!(s(dec(9007199254740993.0, 1)), "9007199254740992.0");
    assert_eq!(s(dec(0.1, 20)), "0.10000000000000000555");
    assert_eq!(s(dec(0.1, 17)), "0.10000000000000000");
    assert_eq!(s(dec(0.1, 18)), "0.100000000000000000");
    assert_eq!(s(dec(0.1, 19)), "0.1000000000000000056");
    assert_eq!(s(dec(-0.0, 2)), "-0.00");
    assert_eq!(s(dec(-1.5, 0)), "-2");
    assert_eq!(s(dec(5.0e-324, 3)), "0.000");
    assert_eq!(s(dec(-0.0, 0)), "-0");
    assert_eq!(s(dec(-0.001, 2)), "-0.00");
    assert_eq!(s(dec(0.05, 1)), "0.1");
    assert_eq!(s(dec(0.95, 1)), "1.0");
    assert_eq!(dec(1.0, 253).unwrap().len(), 255);
    assert_eq!(dec(1.0e300, 2), None);
}

#[test]
fn decimals_compact() {
    let s = |x: Option<String>| x.unwrap();
    assert_eq!(s(dec_c(0.125, 5)), "0.125");
    assert_eq!(s(dec_c(1.0, 3)), "1.0");
    assert_eq!(s(dec_c(100.0, 0)), "100");
    assert_eq!(s(dec_c(0.1, 20)), "0.10000000000000000555");
    assert_eq!(s(dec_c(1.0e20, 4)), "100000000000000000000.0");
    assert_eq!(s(dec_c(1.0e20, 0)), "1");
    assert_eq!(s(dec_c(-0.0, 2)), "-0.0");
    assert_eq!(s(dec_c(1.5e-10, 5)), "0.0");
    assert_eq!(s(dec_c(99.99999, 2)), "100.0");
}

#[test]
fn shortest() {
    let cases: &[(f64, &str)] = &[
        (1.0e22, "1.0e22"),
        (1.0e21, "1.0e21"),
        (1.0e23, "1.0e23"),
        (1.0e-5, "1.0e-5"),
        (1.0e-4, "0.0001"),
        (0.001, "0.001"),
        (123456789012345680.0, "1.2345678901234568e17"),
        (0.1, "0.1"),
        (1.0, "1.0"),
        (5.0e-324, "5.0e-324"),
        (1.0e16, "1.0e16"),
        (1.0e15, "1.0e15"),
        (1.0e17, "1.0e17"),
        (123456.0, "123456.0"),
        (1234567.0, "1234567.0"),
        (12345678901234567.0, "1.2345678901234568e16"),
        (1.5e300, "1.5e300"),
        (-2.5, "-2.5"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (3.14159, "3.14159"),
        (1.7976931348623157e308, "1.7976931348623157e308"),
        (2.2250738585072014e-308, "2.2250738585072014e-308"),
        (100.0, "100.0"),
        (1.0e10, "1.0e10"),
        (12.5e-7, "1.25e-6"),
        (9007199254740992.0, "9.007199254740992e15"),
        (9007199254740994.0, "9.007199254740994e15"),
        (18014398509481984.0, "1.8014398509481984e16"),
        (1.0e9, "1.0e9"),
        (1.234e-3, "0.001234"),
        (4.0e-3, "0.004"),
        (123400.0, "1.234e5"),
        (1000.0, "1.0e3"),
        (12340.0, "12340.0"),
        (0.01, "0.01"),
        (0.0001234, "1.234e-4"),
        (0.00001234, "1.234e-5"),
    ];
    for &(f, want) in cases {
        assert_eq!(short_(f), want, "short({f:?})");
    }
}
