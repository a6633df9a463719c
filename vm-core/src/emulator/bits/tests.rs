//! Expected values come from the real OTP 25 `erl` (`io:format("~w~n", [...])`).

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use num_bigint::{BigInt, BigUint};

use super::*;
use crate::atom::{self, AtomTable};
use crate::emulator::instr::{BinFlags, Dst, MatchCmd, SegKind};
use crate::heap::{build, Heap};
use crate::process::BinBuild;
use crate::term::bits::{bitstring_parts, refc_binary_of, BitSlice};
use crate::term::{Subtag, Term};

/// `~w` of the terms these tests produce.
fn w(t: Term) -> String {
    let names = AtomTable::new();
    fmt(&names, t)
}

fn fmt(names: &AtomTable, t: Term) -> String {
    if let Some(v) = t.as_small() {
        return format!("{v}");
    }
    if t.is_atom() {
        return String::from(names.name(t));
    }
    if t.is_nil() {
        return String::from("[]");
    }
    if let Some(s) = BitSlice::of(t) {
        let mut parts: Vec<String> = (0..s.bit_len / 8)
            .map(|i| format!("{}", s.byte(i)))
            .collect();
        let r = s.bit_len % 8;
        if r > 0 {
            parts.push(format!("{}:{}", s.read_bits(s.bit_len - r, r), r));
        }
        return format!("<<{}>>", parts.join(","));
    }
    if let Some(el) = t.tuple() {
        let p: Vec<String> = el.iter().map(|e| fmt(names, *e)).collect();
        return format!("{{{}}}", p.join(","));
    }
    match t.subtag() {
        Some(Subtag::PosBig) | Some(Subtag::NegBig) => {
            let bytes: Vec<u8> = t
                .boxed_words()
                .iter()
                .flat_map(|l| l.to_le_bytes())
                .collect();
            let m = BigUint::from_bytes_le(&bytes);
            let sign = if t.subtag() == Some(Subtag::NegBig) {
                "-"
            } else {
                ""
            };
            format!("{sign}{m}")
        }
        Some(Subtag::Map) => {
            let ts = t.boxed_terms();
            let keys = ts[1].tuple().unwrap();
            let p: Vec<String> = keys
                .iter()
                .zip(&ts[2..])
                .map(|(k, v)| format!("{} => {}", fmt(names, *k), fmt(names, *v)))
                .collect();
            format!("#{{{}}}", p.join(","))
        }
        Some(Subtag::Float) => format!("{:?}", t.as_float().unwrap()),
        _ => format!("{t:?}"),
    }
}

fn big(h: &mut Heap, s: &str) -> Term {
    build::bigint(h, &BigInt::parse_bytes(s.as_bytes(), 10).unwrap())
}

const BIG: BinFlags = BinFlags {
    little: false,
    signed: false,
};
const LITTLE: BinFlags = BinFlags {
    little: true,
    signed: false,
};
const SIGNED: BinFlags = BinFlags {
    little: false,
    signed: true,
};
const LSIGNED: BinFlags = BinFlags {
    little: true,
    signed: true,
};

fn seg(
    kind: SegKind,
    value: Term,
    size: Option<i64>,
    unit: u32,
    flags: BinFlags,
) -> SegValue<'static> {
    SegValue {
        kind,
        seg_no: 0,
        unit,
        flags,
        value,
        size: size.map(Term::small),
        string: &[],
    }
}
fn int(v: Term, bits: i64, flags: BinFlags) -> SegValue<'static> {
    seg(SegKind::Integer, v, Some(bits), 1, flags)
}
fn flt(v: Term, bits: i64, flags: BinFlags) -> SegValue<'static> {
    seg(SegKind::Float, v, Some(bits), 1, flags)
}
fn bin_all(v: Term, unit: u32) -> SegValue<'static> {
    seg(SegKind::Binary, v, None, unit, BIG)
}
fn utf(kind: SegKind, c: i64, flags: BinFlags) -> SegValue<'static> {
    seg(kind, Term::small(c), None, 0, flags)
}
fn sm(v: i64) -> Term {
    Term::small(v)
}

/// Numbers the segments 1.. (as the compiler does) and builds.
fn create(h: &mut Heap, mut segs: Vec<SegValue>) -> Result<Term, crate::bif::Exception> {
    for (i, s) in segs.iter_mut().enumerate() {
        s.seg_no = i as u32 + 1;
    }
    create_bin(h, &segs)
}
fn created(h: &mut Heap, segs: Vec<SegValue>) -> String {
    w(create(h, segs).expect("construction succeeds"))
}
fn failed(h: &mut Heap, segs: Vec<SegValue>) -> String {
    let e = create(h, segs).expect_err("construction fails");
    format!("{{{},{}}}", w(e.reason), w(e.error_info.unwrap()))
}

#[test]
fn atoms_line_up() {
    let t = AtomTable::new();
    assert_eq!(t.name(atom::UNIT), "unit");
    assert_eq!(t.name(atom::FORMAT_BS_FAIL), "format_bs_fail");
    assert_eq!(t.name(atom::NO_FLOAT), "no_float");
    assert_eq!(t.name(atom::SHORT_CAUSE), "short");
}

#[test]
fn integers_of_odd_sizes_and_orders() {
    let mut h = Heap::new(233);
    let a = big(&mut h, "1180591620717411303427"); // 1 bsl 70 + 3
    let b = big(&mut h, "-1180591620717411303427");
    assert_eq!(
        created(&mut h, vec![int(sm(1), 1, BIG), int(a, 67, LITTLE), int(b, 67, LITTLE), int(b, 67, BIG)]),
        "<<129,128,0,0,0,0,0,0,15,223,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,1:2>>"
    );
    assert_eq!(
        created(
            &mut h,
            vec![
                int(sm(1), 1, BIG),
                int(sm(-5), 13, LITTLE),
                int(sm(0xABCDEF), 24, LITTLE),
                int(sm(-5), 60, BIG)
            ]
        ),
        "<<253,255,191,54,175,255,255,255,255,255,255,254,3:2>>"
    );
    assert_eq!(
        created(&mut h, vec![int(sm(-1), 70, LITTLE)]),
        "<<255,255,255,255,255,255,255,255,63:6>>"
    );
    let c = big(&mut h, "-1208925819614629174706171"); // -1 bsl 80 + 5
    assert_eq!(
        created(&mut h, vec![int(c, 70, LITTLE)]),
        "<<5,0,0,0,0,0,0,0,0:6>>"
    );
    assert_eq!(
        created(&mut h, vec![int(sm(0x123456789), 35, LITTLE)]),
        "<<137,103,69,35,1:3>>"
    );
    assert_eq!(
        created(
            &mut h,
            vec![int(sm(0x12345), 13, LITTLE), int(sm(1), 3, BIG)]
        ),
        "<<69,25>>"
    );
    let d = big(&mut h, "1267650600228229401496703217721"); // 1 bsl 100 + 12345
    let e = big(&mut h, "-1237940039285380274899124231"); // -(1 bsl 90) - 7
    let f = big(&mut h, "18446744073709551616"); // 1 bsl 64
    let g = big(&mut h, "-18446744073709551616");
    assert_eq!(
        created(&mut h, vec![int(sm(1), 3, BIG), int(d, 101, BIG), int(e, 93, LSIGNED), int(f, 64, BIG), int(g, 65, BIG)]),
        "<<48,0,0,0,0,0,0,0,0,0,0,48,57,249,255,255,255,255,255,255,255,255,255,255,216,0,0,0,0,0,0,0,4,0,0,0,0,0,0,0,0:6>>"
    );
    assert_eq!(
        created(
            &mut h,
            vec![
                int(sm(-3), 7, BIG),
                int(sm(300), 9, LITTLE),
                int(sm(-1), 0, BIG),
                int(sm(-129), 8, LITTLE)
            ]
        ),
        "<<250,89,127>>"
    );
}

#[test]
fn floats_utf_and_binaries() {
    let mut h = Heap::new(233);
    let f300 = build::float(&mut h, 1.0e300);
    let f65504 = build::float(&mut h, 65504.0);
    let f65520 = build::float(&mut h, 65520.0);
    let ftiny = build::float(&mut h, 1.0e-10);
    let b200 = big(
        &mut h,
        "1606938044258990275541962092341162602522202993782792835301376",
    );
    assert_eq!(
        created(
            &mut h,
            vec![
                flt(f300, 16, BIG),
                flt(f300, 32, BIG),
                flt(f65504, 16, BIG),
                flt(sm(3), 16, LITTLE),
                flt(b200, 32, BIG),
                flt(f65520, 16, BIG),
                flt(ftiny, 16, BIG)
            ]
        ),
        "<<124,0,127,128,0,0,123,255,0,66,127,128,0,0,124,0,0,0>>"
    );
    let (a, b, c, d) = (
        build::float(&mut h, 1.5),
        build::float(&mut h, 2.5),
        build::float(&mut h, 0.1),
        build::float(&mut h, -0.0),
    );
    assert_eq!(
        created(
            &mut h,
            vec![
                int(sm(1), 3, BIG),
                flt(a, 64, BIG),
                flt(b, 32, LITTLE),
                flt(c, 16, BIG),
                flt(d, 64, LITTLE)
            ]
        ),
        "<<39,255,0,0,0,0,0,0,0,0,4,8,5,204,192,0,0,0,0,0,0,16,0:3>>"
    );
    let b100 = big(&mut h, "1267650600228229401496703205376");
    let b1000 = build::bigint(&mut h, &(-(BigInt::from(1u8) << 1000u32) - 1));
    let b80 = big(&mut h, "1208925819614629174706175"); // (1 bsl 80) - 1
    assert_eq!(
        created(
            &mut h,
            vec![
                flt(b100, 64, BIG),
                flt(b1000, 64, BIG),
                flt(b80, 64, BIG),
                flt(b80, 32, BIG)
            ]
        ),
        "<<70,48,0,0,0,0,0,0,254,112,0,0,0,0,0,0,68,240,0,0,0,0,0,0,103,128,0,0>>"
    );
    let mut halves: Vec<SegValue> = [
        5.960464477539063e-8,
        6.0e-8,
        3.0e-5,
        2.9802322387695312e-8,
        2.9802322387695313e-8,
        65519.99,
        1.00048828125,
        1.00146484375,
    ]
    .iter()
    .map(|&x| flt(build::float(&mut h, x), 16, BIG))
    .collect();
    halves.push(flt(build::float(&mut h, -2.0), 16, LITTLE));
    assert_eq!(
        created(&mut h, halves),
        "<<0,1,0,1,1,247,0,0,0,0,123,255,60,0,60,2,0,192>>"
    );
    assert_eq!(
        created(
            &mut h,
            vec![
                int(sm(1), 1, BIG),
                utf(SegKind::Utf8, 0x1F600, BIG),
                utf(SegKind::Utf16, 0x1F600, BIG),
                utf(SegKind::Utf16, 0x1F600, LITTLE),
                utf(SegKind::Utf32, 0x41, LITTLE)
            ]
        ),
        "<<248,79,204,64,108,30,239,0,30,236,0,111,32,128,0,0,0:1>>"
    );
    let one_bit = build::bitstring(&mut h, &[0x80], 1);
    let abc = build::binary(&mut h, b"abc");
    assert_eq!(
        created(
            &mut h,
            vec![bin_all(one_bit, 1), bin_all(abc, 8), int(sm(3), 5, BIG)]
        ),
        "<<176,177,49,35:6>>"
    );
    let mut s = seg(SegKind::String, Term::NIL, None, 8, BIG);
    s.string = b"xyz";
    assert_eq!(
        created(
            &mut h,
            vec![
                int(sm(1), 4, BIG),
                s,
                seg(SegKind::Binary, abc, Some(2), 8, BIG)
            ]
        ),
        "<<23,135,151,166,22,2:4>>"
    );
}

#[test]
fn construction_errors_match_otp25() {
    let mut h = Heap::new(233);
    let a = crate::atom::OK; // any atom will do; the messages below use `ok`
    let tail = "function => format_bs_fail,module => erl_erts_errors}}";
    let cases: Vec<(Vec<SegValue>, &str)> = vec![
        (
            vec![int(a, 8, BIG)],
            "{badarg,#{cause => {1,integer,type,ok},",
        ),
        (
            vec![int(a, 8, BIG), bin_all(atom::ERROR, 1)],
            "{badarg,#{cause => {2,binary,type,error},",
        ),
        (
            vec![int(sm(1), -1, BIG)],
            "{badarg,#{cause => {1,integer,size,-1},",
        ),
        (
            vec![flt(build::float(&mut h, 1.5), 8, BIG)],
            "{badarg,#{cause => {1,float,invalid,8},",
        ),
        (
            vec![flt(a, 64, BIG)],
            "{badarg,#{cause => {1,float,type,ok},",
        ),
        (
            vec![utf(SegKind::Utf8, 0xD800, BIG)],
            "{badarg,#{cause => {1,utf8,type,55296},",
        ),
        (
            vec![int(a, 8, BIG), utf(SegKind::Utf32, 0xD800, BIG)],
            "{badarg,#{cause => {2,utf32,type,55296},",
        ),
        (
            vec![int(a, 8, BIG), utf(SegKind::Utf8, 0xD800, BIG)],
            "{badarg,#{cause => {1,integer,type,ok},",
        ),
        (
            vec![utf(SegKind::Utf16, 0x110000, BIG)],
            "{badarg,#{cause => {1,utf16,type,1114112},",
        ),
        (
            vec![seg(
                SegKind::Float,
                build::float(&mut h, 1.0),
                Some(0),
                1,
                BIG,
            )],
            "{badarg,#{cause => {1,float,invalid,0},",
        ),
    ];
    for (segs, want) in cases {
        assert_eq!(failed(&mut h, segs), format!("{want}{tail}"));
    }
    let bin3 = build::binary(&mut h, &[1, 2, 3]);
    let bs3 = build::bitstring(&mut h, &[0x20], 3);
    assert_eq!(
        failed(&mut h, vec![seg(SegKind::Binary, bin3, Some(4), 8, BIG)]),
        format!("{{badarg,#{{cause => {{1,binary,short,<<1,2,3>>}},{tail}")
    );
    assert_eq!(
        failed(&mut h, vec![bin_all(bs3, 8)]),
        format!("{{badarg,#{{cause => {{1,binary,unit,<<1:3>>}},{tail}")
    );
    let huge = big(&mut h, "1267650600228229401496703205376");
    let mut s = int(sm(1), 0, BIG);
    s.size = Some(huge);
    assert_eq!(
        failed(&mut h, vec![s]),
        format!(
            "{{system_limit,#{{cause => {{1,integer,size,1267650600228229401496703205376}},{tail}"
        )
    );
    let mut s = flt(sm(1), 0, BIG);
    s.size = Some(a);
    assert_eq!(
        failed(&mut h, vec![s]),
        format!("{{badarg,#{{cause => {{1,float,size,ok}},{tail}")
    );
    let b1100 = build::bigint(&mut h, &(BigInt::from(1u8) << 1100u32));
    assert!(failed(&mut h, vec![flt(b1100, 64, BIG)])
        .starts_with("{badarg,#{cause => {1,float,no_float,1358"));
    // append: type and unit of the appended-to value; sizes of later segments are checked first
    let app = |v: Term, unit: u32| seg(SegKind::Append, v, None, unit, BIG);
    assert_eq!(
        failed(&mut h, vec![app(a, 8), int(sm(1), 8, BIG)]),
        format!("{{badarg,#{{cause => {{1,binary,type,ok}},{tail}")
    );
    assert_eq!(
        failed(&mut h, vec![app(bs3, 8), int(sm(1), 8, BIG)]),
        format!("{{badarg,#{{cause => {{1,binary,unit,<<1:3>>}},{tail}")
    );
    assert_eq!(
        failed(&mut h, vec![app(bs3, 8), int(sm(1), -1, BIG)]),
        format!("{{badarg,#{{cause => {{2,integer,size,-1}},{tail}")
    );
}

#[test]
fn matching_reads_back_what_erl_reads() {
    let mut h = Heap::new(233);
    let b = build::binary(
        &mut h,
        &[60, 0, 1, 0, 0, 0, 128, 63, 1, 2, 3, 4, 5, 6, 7, 8, 255],
    );
    let ctx = start_match(&mut h, b).unwrap();
    assert_eq!(start_match(&mut h, ctx), Some(ctx));
    assert_eq!(w(get_float(&mut h, ctx, 16, BIG).unwrap()), "1.0");
    assert_eq!(
        w(get_float(&mut h, ctx, 16, BIG).unwrap()),
        "1.52587890625e-5"
    );
    assert_eq!(w(get_float(&mut h, ctx, 32, LITTLE).unwrap()), "1.0");
    assert_eq!(
        w(get_integer(&mut h, ctx, 60, LITTLE).unwrap()),
        "1976943448883713"
    );
    assert_eq!(w(get_integer(&mut h, ctx, 3, SIGNED).unwrap()), "-4");
    assert_eq!(w(get_integer(&mut h, ctx, 4, LSIGNED).unwrap()), "7");
    assert_eq!(remaining(ctx), 5);
    assert_eq!(get_integer(&mut h, ctx, 6, BIG), None);
    assert_eq!(remaining(ctx), 5);

    let b: Vec<u8> = (238..=255u8).rev().collect();
    let b = build::binary(&mut h, &b);
    let ctx = start_match(&mut h, b).unwrap();
    assert!(skip(ctx, 3));
    assert_eq!(
        w(get_integer(&mut h, ctx, 61, LSIGNED).unwrap()),
        "-517958075455375361"
    );
    assert_eq!(
        w(get_integer(&mut h, ctx, 61, SIGNED).unwrap()),
        "-72375633707114946"
    );
    assert_eq!(w(get_integer(&mut h, ctx, 17, LITTLE).unwrap()), "130333");

    let cases: [(&[u8], usize, BinFlags, &str, &str); 5] = [
        (&[255; 9], 70, LSIGNED, "-1", "<<3:2>>"),
        (
            &[1, 2, 3, 4, 5, 6, 7, 8, 255],
            70,
            LITTLE,
            "1162723314339454059009",
            "<<3:2>>",
        ),
        (
            &[128, 2, 3, 4, 5, 6, 7, 8, 255],
            70,
            SIGNED,
            "-590259569350548536769",
            "<<3:2>>",
        ),
        (
            &[137, 103, 69, 35, 255],
            35,
            LSIGNED,
            "-3703216247",
            "<<31:5>>",
        ),
        (&[69, 25], 13, LITTLE, "837", "<<1:3>>"),
    ];
    for (bytes, bits, flags, v, rest) in cases {
        let b = build::binary(&mut h, bytes);
        let ctx = start_match(&mut h, b).unwrap();
        assert_eq!(w(get_integer(&mut h, ctx, bits, flags).unwrap()), v);
        assert_eq!(w(get_tail(&mut h, ctx)), rest);
        assert_eq!(w(get_binary_all(&mut h, ctx, 1).unwrap()), rest);
        assert_eq!(remaining(ctx), 0);
    }
    // infinities and NaN do not match; zero-width floats read as 0.0
    let b = build::binary(&mut h, &[124, 0, 0x7F, 0xC0, 0, 0]);
    let ctx = start_match(&mut h, b).unwrap();
    assert_eq!(get_float(&mut h, ctx, 16, BIG), None);
    assert_eq!(w(get_float(&mut h, ctx, 0, BIG).unwrap()), "0.0");
    assert!(skip(ctx, 16));
    assert_eq!(get_float(&mut h, ctx, 32, BIG), None);
    assert_eq!(get_float(&mut h, ctx, 24, BIG), None);
}

#[test]
fn utf_matching_validates() {
    let mut h = Heap::new(233);
    let mut run = |bytes: &[u8], f: &dyn Fn(Term) -> Option<u32>| {
        let b = build::binary(&mut h, bytes);
        let ctx = start_match(&mut h, b).unwrap();
        (f(ctx), remaining(ctx))
    };
    assert_eq!(
        run(&[0xF0, 0x9F, 0x98, 0x80, 1], &get_utf8),
        (Some(0x1F600), 8)
    );
    assert_eq!(run(&[0xC0, 0x80], &get_utf8), (None, 16)); // overlong
    assert_eq!(run(&[0xED, 0xA0, 0x80], &get_utf8), (None, 24)); // surrogate
    assert_eq!(run(&[0xF4, 0x90, 0x80, 0x80], &get_utf8), (None, 32)); // > 10FFFF
    assert_eq!(run(&[0xE2, 0x82], &get_utf8), (None, 16)); // short
    assert_eq!(
        run(&[0x3D, 0xD8, 0x00, 0xDE], &|c| get_utf16(c, LITTLE)),
        (Some(128512), 0)
    );
    assert_eq!(run(&[0xDC, 0x00, 0, 0], &|c| get_utf16(c, BIG)), (None, 32));
    assert_eq!(
        run(&[0xD8, 0x00, 0, 0x41], &|c| get_utf16(c, BIG)),
        (None, 32)
    );
    assert_eq!(run(&[0, 0x11, 0, 0], &|c| get_utf32(c, BIG)), (None, 32));
    assert_eq!(
        run(&[0x41, 0, 0, 0], &|c| get_utf32(c, LITTLE)),
        (Some(0x41), 0)
    );
}

#[test]
fn sub_binaries_positions_and_strings() {
    let mut h = Heap::new(233);
    let base = build::binary(&mut h, &[0xAB, 0xCD, 0xEF, 0x12]);
    let ctx = start_match(&mut h, base).unwrap();
    assert!(skip(ctx, 4));
    let sub = get_binary(&mut h, ctx, 20).unwrap(); // bits 4..24
    assert_eq!(w(sub), "<<188,222,15:4>>");
    // a match context over a sub-binary starts at position 0 of the sub-binary
    let c2 = start_match(&mut h, sub).unwrap();
    assert_eq!(position(c2), 0);
    assert!(match_string(c2, 12, &[0xBC, 0xD0]));
    assert_eq!(position(c2), 12);
    assert!(!match_string(c2, 4, &[0xF0]));
    assert!(match_string(c2, 4, &[0xE0]));
    let p = position(c2);
    assert_eq!(w(get_integer(&mut h, c2, 4, BIG).unwrap()), "15");
    set_position(c2, p);
    assert!(test_tail(c2, 4) && !test_unit(c2, 8) && test_unit(c2, 2));
    assert!(!skip_all(c2, 8) && skip_all(c2, 4) && remaining(c2) == 0);
    // whole-binary reads return the original term
    let c3 = start_match(&mut h, base).unwrap();
    assert_eq!(get_tail(&mut h, c3), base);
    assert_eq!(get_binary(&mut h, c3, 32), Some(base));
    assert_eq!(bits_of(sm(3), 8), Some(24));
    assert_eq!(bits_of(sm(-1), 8), None);
    assert_eq!(bits_of(atom::OK, 8), None);
}

#[test]
fn bs_match_commands() {
    let mut h = Heap::new(233);
    let b = build::binary(&mut h, &[1, 2, 0xFF, 0xFE, 9, 9, 9]);
    let ctx = start_match(&mut h, b).unwrap();
    let mut out: Vec<(Dst, String)> = Vec::new();
    let cmds = [
        MatchCmd::EnsureAtLeast {
            stride: 32,
            unit: 8,
        },
        MatchCmd::EqExact {
            size: 16,
            value: sm(0x0102),
        },
        MatchCmd::Integer {
            flags: LSIGNED,
            size: 16,
            unit: 1,
            dst: Dst::X(0),
        },
        MatchCmd::Skip { stride: 8 },
        MatchCmd::Binary {
            size: 1,
            unit: 8,
            dst: Dst::X(1),
        },
        MatchCmd::GetTail { dst: Dst::Y(0) },
    ];
    assert!(run_match_cmds(&mut h, ctx, &cmds, &mut |d, t| out.push((d, w(t)))));
    assert_eq!(
        out,
        vec![
            (Dst::X(0), String::from("-257")),
            (Dst::X(1), String::from("<<9>>")),
            (Dst::Y(0), String::from("<<9>>"))
        ]
    );
    let ctx = start_match(&mut h, b).unwrap();
    assert!(!run_match_cmds(
        &mut h,
        ctx,
        &[MatchCmd::EnsureExactly { stride: 48 }],
        &mut |_, _| {}
    ));
    assert!(!run_match_cmds(
        &mut h,
        ctx,
        &[MatchCmd::EnsureAtLeast {
            stride: 8,
            unit: 32
        }],
        &mut |_, _| {}
    ));
    let eq = |v: Term, bits: u32| {
        [MatchCmd::EqExact {
            size: bits,
            value: v,
        }]
    };
    assert!(run_match_cmds(
        &mut h,
        ctx,
        &eq(sm(0x0102FFFE090909), 56),
        &mut |_, _| {}
    ));
    let b9 = build::binary(&mut h, &[1, 2, 3, 4, 5, 6, 7, 8, 9]);
    let ctx = start_match(&mut h, b9).unwrap();
    let v72 = big(&mut h, "18591708106338011145"); // 16#010203040506070809
    let v72b = big(&mut h, "18591708106338011146");
    assert!(!run_match_cmds(&mut h, ctx, &eq(v72b, 72), &mut |_, _| {}));
    assert!(run_match_cmds(&mut h, ctx, &eq(v72, 72), &mut |_, _| {}));
    assert_eq!(remaining(ctx), 0);
}

/// Bits of a term, as (bytes, bit length).
fn bits(t: Term) -> (Vec<u8>, usize) {
    let s = BitSlice::of(t).unwrap();
    (s.to_vec(), s.bit_len)
}

fn refc_ptr(t: Term) -> Option<usize> {
    let (orig, _, _) = bitstring_parts(t)?;
    refc_binary_of(orig).map(|r| r as *const _ as usize)
}

#[test]
fn append_loop_is_in_place_and_keeps_old_prefixes() {
    let mut h = Heap::new(233);
    let app = |v: Term| seg(SegKind::Append, v, None, 8, BIG);
    let mut acc = build::binary(&mut h, &[]);
    let mut old = Term::NIL;
    let mut storages = Vec::new();
    for i in 0..400i64 {
        acc = create(&mut h, vec![app(acc), int(sm(i % 251), 8, BIG)]).unwrap();
        if i == 150 {
            old = acc;
        }
        if let Some(p) = refc_ptr(acc) {
            if storages.last() != Some(&p) {
                storages.push(p);
            }
        }
    }
    // One shared binary for everything past the heap-binary limit: every append was in place.
    assert_eq!(storages.len(), 1);
    let want: Vec<u8> = (0..400).map(|i| (i % 251) as u8).collect();
    assert_eq!(bits(acc), (want.clone(), 3200));
    assert_eq!(bits(old), (want[..151].to_vec(), 151 * 8));
    // Appending to the old prefix must copy, not overwrite what `acc` sees.
    let x = create(&mut h, vec![app(old), int(sm(0xAA), 8, BIG)]).unwrap();
    let y = create(&mut h, vec![app(old), int(sm(0xBB), 8, BIG)]).unwrap();
    assert_eq!(bits(acc).0, want);
    assert_eq!(bits(x).0[150..], [want[150], 0xAA]);
    assert_eq!(bits(y).0[150..], [want[150], 0xBB]);
    // x itself is writable now: appending to it is in place and leaves y alone
    let x2 = create(&mut h, vec![app(x), int(sm(1), 8, BIG)]).unwrap();
    assert_eq!(refc_ptr(x2), refc_ptr(x));
    assert_eq!(bits(x2).0.len(), 153);
    assert_eq!(bits(y).0.len(), 152);
    // <<Acc/binary, Acc/binary>> reads its source before growing it
    let twice = create(&mut h, vec![app(acc), bin_all(acc, 8)]).unwrap();
    let mut w2 = want.clone();
    w2.extend_from_slice(&want);
    assert_eq!(bits(twice).0, w2);
    assert_eq!(bits(acc).0, want);
    // A tail sub-binary that ends at the append point is extended in place too.
    let ctx = start_match(&mut h, twice).unwrap();
    assert!(skip(ctx, 8 * 10));
    let tail = get_tail(&mut h, ctx);
    let t2 = create(&mut h, vec![app(tail), int(sm(7), 8, BIG)]).unwrap();
    assert_eq!(refc_ptr(t2), refc_ptr(twice));
    let mut w3 = w2[10..].to_vec();
    w3.push(7);
    assert_eq!(bits(t2).0, w3);
    assert_eq!(bits(twice).0, w2);
    // survives a collection: ProcBins move, storage stays referenced
    let mut roots = [acc, old, x, y, x2, twice, t2];
    crate::heap::gc::collect(&mut h, &mut [&mut roots[..]], 0);
    assert_eq!(bits(roots[0]).0, want);
    assert_eq!(bits(roots[6]).0, w3);
    assert_eq!(bits(roots[4]).0.len(), 153);
}

#[test]
fn append_unaligned_bits() {
    let mut h = Heap::new(233);
    let app = |v: Term| seg(SegKind::Append, v, None, 1, BIG);
    let mut acc = build::binary(&mut h, &[]);
    let mut expect: Vec<bool> = Vec::new();
    let mut older = Vec::new();
    let mut mid_storage = None;
    for i in 0..700i64 {
        let v = (i * 5 + 3) % 8;
        acc = create(&mut h, vec![app(acc), int(sm(v), 3, BIG)]).unwrap();
        for k in (0..3).rev() {
            expect.push((v >> k) & 1 == 1);
        }
        if i % 97 == 0 {
            older.push((acc, expect.len()));
        }
        if i == 300 {
            mid_storage = refc_ptr(acc);
            assert!(mid_storage.is_some());
        }
    }
    let check = |t: Term, n: usize| {
        let s = BitSlice::of(t).unwrap();
        assert!(s.bit_len == n || s.bit_len == n + 1);
        for (i, e) in expect[..n].iter().enumerate() {
            assert_eq!(s.bit(i), *e, "bit {i}");
        }
    };
    check(acc, 2100);
    assert_eq!(BitSlice::of(acc).unwrap().bit_len, 2100);
    assert_eq!(refc_ptr(acc), mid_storage);
    for (t, n) in older.clone() {
        check(t, n);
        // branching off an older prefix copies
        let b = create(&mut h, vec![app(t), int(sm(1), 1, BIG)]).unwrap();
        check(b, n);
        assert_eq!(BitSlice::of(b).unwrap().bit_len, n + 1);
        assert!(BitSlice::of(b).unwrap().bit(n));
    }
    check(acc, 2100);
}

#[test]
fn otp24_construction() {
    let mut h = Heap::new(233);
    let mut b = BinBuild::default();
    let t = init(&mut b, &mut h, 43);
    put_integer(&mut b, sm(0x12345), 13, LITTLE).unwrap();
    put_integer(&mut b, sm(1), 3, BIG).unwrap();
    put_string(&mut b, b"ab").unwrap();
    let bs = build::bitstring(&mut h, &[0xA0], 3);
    put_binary(&mut b, bs, None, 1).unwrap();
    put_utf8(&mut b, sm(0x41)).unwrap();
    assert!(put_integer(&mut b, sm(1), 1, BIG).is_err()); // past the end
    assert_eq!(w(t), "<<69,25,97,98,168,1:3>>");
    assert!(put_utf8(&mut b, sm(0xD800)).is_err());

    // bs_append to a heap binary (copy), then a writable one (in place)
    let init_w = init_writable(&mut h);
    let t1 = append(&mut b, &mut h, init_w, 8 * 70, 8).unwrap();
    for i in 0..70 {
        put_integer(&mut b, sm(i), 8, BIG).unwrap();
    }
    let t2 = private_append(&mut b, &mut h, t1, 16, 8).unwrap();
    put_binary(&mut b, t1, Some(16), 1).unwrap();
    assert_eq!(refc_ptr(t2), refc_ptr(init_w));
    let (bytes, n) = bits(t2);
    assert_eq!(n, 72 * 8);
    assert_eq!(&bytes[..70], &(0..70u8).collect::<Vec<_>>()[..]);
    assert_eq!(&bytes[70..], &[0, 1]);
    assert_eq!(bits(t1).1, 70 * 8);
    assert!(append(&mut b, &mut h, bs, 8, 8).is_err());
    put_float(&mut b, sm(1), 64, BIG).unwrap_err(); // no room left: badarg
    assert_eq!(w(bs_add(sm(3), sm(4), 8).unwrap()), "35");
    assert!(bs_add(sm(-1), sm(4), 8).is_err());
    assert_eq!(w(utf8_size(sm(0x7FF))), "2");
    assert_eq!(w(utf16_size(sm(0x10000))), "4");
}

#[test]
fn roundtrip_odd_integers() {
    let mut h = Heap::new(233);
    let mut seed: u64 = 0x9E3779B97F4A7C15;
    for _ in 0..300 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let bits = (seed % 150) as usize + 1;
        let flags = [BIG, LITTLE, SIGNED, LSIGNED][(seed >> 20) as usize % 4];
        let lead = (seed >> 30) as usize % 8;
        // a value that fits: random bits masked to `bits`, sign-adjusted when signed
        let mut v =
            BigInt::from(seed) * BigInt::from(seed.rotate_left(17)) * BigInt::from(seed | 1);
        v &= (BigInt::from(1u8) << bits) - 1;
        if flags.signed && (v.clone() >> (bits - 1)) == BigInt::from(1u8) {
            v -= BigInt::from(1u8) << bits;
        }
        let vt = build::bigint(&mut h, &v);
        let t = create(
            &mut h,
            vec![int(sm(0), lead as i64, BIG), int(vt, bits as i64, flags)],
        )
        .unwrap();
        let ctx = start_match(&mut h, t).unwrap();
        assert!(skip(ctx, lead));
        let back = get_integer(&mut h, ctx, bits, flags).unwrap();
        assert_eq!(w(back), format!("{v}"), "bits {bits} flags {flags:?}");
        assert_eq!(remaining(ctx), 0);
    }
}
