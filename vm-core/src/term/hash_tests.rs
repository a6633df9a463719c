//! Expected values below come from OTP 25's `erl`: for each term,
//! `[phash2(T), phash2(T, 1 bsl 32), phash2(T, 1000), phash(T, 1 bsl 32), phash(T, 1000)]`.
#![allow(clippy::approx_constant)] // literal test data from erl

use super::*;
use crate::atom::AtomTable;
use crate::code::{Code, CodeTable, FunEntry, LineTable};
use crate::heap::{build, Arena};
use alloc::rc::Rc;
use num_bigint::BigInt;

const EXPECTED: &[(&str, [u64; 5])] = &[
    (r#"a"#, [97, 97, 97, 98, 98]),
    (r#"b"#, [98, 98, 98, 99, 99]),
    (r#"abc"#, [26499, 26499, 499, 26500, 500]),
    (
        r#"'hello_world_long_atom_name_here'"#,
        [14557221, 14557221, 221, 14557222, 222],
    ),
    (r#"''"#, [0, 0, 0, 1, 1]),
    (r#"'é'"#, [233, 233, 233, 234, 234]),
    (r#"[]"#, [113427502, 3468870702, 702, 2, 2]),
    (r#"0"#, [88723725, 3175731469, 469, 1, 1]),
    (r#"1"#, [2614250, 539485162, 162, 2788898428, 428]),
    (r#"-1"#, [44071773, 1117813597, 597, 1680185270, 270]),
    (r#"42"#, [30328728, 701417368, 368, 1169616943, 943]),
    (r#"-42"#, [80419736, 2630556568, 568, 1848304563, 563]),
    (
        r#"1 bsl 27 - 1"#,
        [112602999, 4273352567, 567, 1192343453, 453],
    ),
    (r#"1 bsl 27"#, [12354923, 2562491755, 755, 2147483673, 673]),
    (
        r#"-(1 bsl 27)"#,
        [69672967, 874979335, 335, 2147489129, 129],
    ),
    (
        r#"-(1 bsl 27)-1"#,
        [76739502, 1418916782, 782, 3827674398, 398],
    ),
    (r#"1 bsl 31"#, [14246037, 2832818325, 325, 385, 385]),
    (r#"1 bsl 32"#, [95057355, 2108323275, 275, 2788898428, 428]),
    (
        r#"1 bsl 59 - 1"#,
        [27520264, 1638133000, 0, 3114282913, 913],
    ),
    (r#"1 bsl 59"#, [26969617, 2442888721, 721, 2147483673, 673]),
    (r#"1 bsl 60"#, [31803508, 1373980788, 788, 49, 49]),
    (r#"1 bsl 64"#, [103122609, 2519041713, 713, 2788898428, 428]),
    (
        r#"-(1 bsl 64)"#,
        [13457787, 2563594619, 619, 1680185270, 270],
    ),
    (r#"1 bsl 100"#, [126219984, 528873168, 168, 1672701873, 873]),
    (
        r#"-(1 bsl 100) + 7"#,
        [17713402, 3373156602, 602, 1845447634, 634],
    ),
    (r#"1.0"#, [77147068, 3029937084, 84, 1072693249, 249]),
    (r#"0.0"#, [20875736, 423528920, 920, 1, 1]),
    (r#"-0.0"#, [20875736, 423528920, 920, 1, 1]),
    (r#"3.14"#, [107830559, 3731709215, 215, 300063656, 656]),
    (r#"-2.5"#, [63894875, 2479813979, 979, 3221487617, 617]),
    (r#"1.0e300"#, [119088650, 387524106, 106, 4130836897, 897]),
    (r#""abc""#, [117343302, 519996486, 486, 3654580166, 166]),
    (r#""abcd""#, [7922743, 1752753207, 207, 1938728202, 202]),
    (r#""abcde""#, [71169904, 2487089008, 8, 721934915, 915]),
    (r#""a""#, [49011133, 2733365693, 693, 2953390077, 77]),
    (r#"[a]"#, [23864141, 1634476877, 877, 2953390077, 77]),
    (r#"[a,b]"#, [9075654, 3632954310, 310, 667932113, 113]),
    (r#"[a|b]"#, [74710280, 2356411656, 656, 4159696708, 708]),
    (r#"[1|2]"#, [86124794, 3844221178, 178, 2402949552, 552]),
    (r#"[1,2|3]"#, [8851781, 4169601349, 349, 265598415, 415]),
    (r#"[300]"#, [99763619, 3723642275, 275, 4210404107, 107]),
    (r#"[1,300,2]"#, [82184728, 1558579736, 736, 3776771588, 588]),
    (r#"[[]]"#, [96416884, 499070068, 68, 2952798237, 237]),
    (r#"[[1]]"#, [23283084, 3378726284, 284, 50678356, 356]),
    (r#""héllo""#, [91115080, 3714993736, 736, 2314400872, 872]),
    (r#"[256]"#, [73608398, 1684221134, 134, 1015129879, 879]),
    (r#"[-1]"#, [42412580, 3800508964, 964, 3981341153, 153]),
    (r#"{}"#, [87486268, 221703996, 996, 1, 1]),
    (r#"{a}"#, [35332806, 2853905094, 94, 268840045, 45]),
    (r#"{a,b}"#, [101277806, 1980325998, 998, 1904799770, 770]),
    (r#"{1,2,3}"#, [28734975, 2847307263, 263, 4267354534, 534]),
    (r#"{{}}"#, [17560713, 2165044361, 361, 2, 2]),
    (r#"{[], []}"#, [23759702, 694848342, 342, 4026548527, 527]),
    (r#"<<>>"#, [13708901, 147926629, 629, 1, 1]),
    (r#"<<1>>"#, [76691218, 881997586, 586, 268436143, 143]),
    (r#"<<1,2,3>>"#, [6479071, 4167228639, 639, 687692590, 590]),
    (
        r#"<<"hello world, this is a long binary!">>"#,
        [347124, 1342524404, 404, 2454647487, 487],
    ),
    (r#"<<1:3>>"#, [73037028, 3965351140, 140, 1345689961, 961]),
    (r#"<<1,2,5:4>>"#, [93257328, 93257328, 328, 3095215435, 435]),
    (r#"<<0:1>>"#, [77524856, 1285484408, 408, 268436142, 142]),
    (r#"#{}"#, [39679005, 844985373, 373, 1113425985, 985]),
    (r#"#{a=>1}"#, [59617982, 1401795262, 262, 1670235874, 874]),
    (
        r#"#{a=>1,b=>2}"#,
        [103634663, 1982682855, 855, 2251123467, 467],
    ),
    (
        r#"#{b=>2,a=>1}"#,
        [103634663, 1982682855, 855, 2251123467, 467],
    ),
    (
        r#"#{1=>a, "x"=>{}}"#,
        [71706988, 1548101996, 996, 1816542608, 608],
    ),
    (r#"BIGMAP"#, [37357662, 708446302, 302, 976886914, 914]),
    (
        r#"fun lists:map/2"#,
        [34981515, 840287883, 883, 904024396, 396],
    ),
    (
        r#"fun erlang:self/0"#,
        [62324914, 3149332658, 658, 883371420, 420],
    ),
    (
        r#"fun hx:main/0"#,
        [117886200, 1057410296, 296, 2156354023, 23],
    ),
    (r#"<0.80.0>"#, [64285637, 3956599749, 749, 1000343889, 889]),
    (r#"<0.80.1>"#, [64285637, 3956599749, 749, 1000343889, 889]),
    (r#"<0.1.0>"#, [51930921, 2870503209, 209, 3341103954, 954]),
    (r#"<0.32767.0>"#, [91982837, 3447426037, 37, 290111367, 367]),
    (r#"<0.0.0>"#, [39589991, 2858162279, 279, 1, 1]),
    (
        r#"#Ref<0.1.2.3>"#,
        [75004615, 3833100999, 999, 3125387976, 976],
    ),
    (
        r#"#Ref<0.3.2.1>"#,
        [118531908, 118531908, 908, 2473451758, 758],
    ),
    (
        r#"#Ref<0.0.0.12345>"#,
        [8015694, 2692370254, 254, 1909142550, 550],
    ),
    (
        r#"{a, [1.5, <<7>>], #{k => [v]}, -5}"#,
        [133878165, 2147144085, 85, 3433751268, 268],
    ),
];

fn big(h: &mut Arena, v: BigInt) -> Term {
    build::bigint(h, &v)
}

fn p2(n: u32) -> BigInt {
    BigInt::from(1) << n as usize
}

/// The terms of `EXPECTED`, in order (the big map is `#{I => I*I}` for I in 1..40).
fn terms(h: &mut Arena, at: &mut AtomTable) -> Vec<Term> {
    let mut a = |s: &str| at.intern(s);
    let (ta, tb, tk, tv) = (a("a"), a("b"), a("k"), a("v"));
    let long = a("hello_world_long_atom_name_here");
    let empty = a("");
    let e_acute = a("é");
    let (lists, map, erlang, self_, hx, main) = (
        a("lists"),
        a("map"),
        a("erlang"),
        a("self"),
        a("hx"),
        a("main"),
    );
    let s = Term::small;
    let f = |h: &mut Arena, x: f64| build::float(h, x);
    let mut v = Vec::new();
    v.extend([ta, tb, a("abc"), long, empty, e_acute, Term::NIL]);
    v.extend([s(0), s(1), s(-1), s(42), s(-42)]);
    v.extend([
        s((1 << 27) - 1),
        s(1 << 27),
        s(-(1 << 27)),
        s(-(1 << 27) - 1),
    ]);
    v.extend([s(1 << 31), s(1 << 32), s((1 << 59) - 1)]);
    v.push(big(h, p2(59)));
    v.push(big(h, p2(60)));
    v.push(big(h, p2(64)));
    v.push(big(h, -p2(64)));
    v.push(big(h, p2(100)));
    v.push(big(h, -p2(100) + 7));
    for x in [1.0, 0.0, -0.0, 3.14, -2.5, 1.0e300] {
        v.push(f(h, x));
    }
    for st in ["abc", "abcd", "abcde", "a"] {
        v.push(build::charlist(h, st));
    }
    v.push(build::list(h, &[ta]));
    v.push(build::list(h, &[ta, tb]));
    v.push(build::cons(h, ta, tb));
    v.push(build::cons(h, s(1), s(2)));
    v.push(build::list_with_tail(h, &[s(1), s(2)], s(3)));
    v.push(build::list(h, &[s(300)]));
    v.push(build::list(h, &[s(1), s(300), s(2)]));
    v.push(build::list(h, &[Term::NIL]));
    let l1 = build::list(h, &[s(1)]);
    v.push(build::list(h, &[l1]));
    v.push(build::charlist(h, "héllo"));
    v.push(build::list(h, &[s(256)]));
    v.push(build::list(h, &[s(-1)]));
    v.push(build::tuple(h, &[]));
    v.push(build::tuple(h, &[ta]));
    v.push(build::tuple(h, &[ta, tb]));
    v.push(build::tuple(h, &[s(1), s(2), s(3)]));
    let t0 = build::tuple(h, &[]);
    v.push(build::tuple(h, &[t0]));
    v.push(build::tuple(h, &[Term::NIL, Term::NIL]));
    v.push(build::binary(h, b""));
    v.push(build::binary(h, &[1]));
    v.push(build::binary(h, &[1, 2, 3]));
    v.push(build::binary(h, b"hello world, this is a long binary!"));
    v.push(build::bitstring(h, &[0b0010_0000], 3));
    v.push(build::bitstring(h, &[1, 2, 0b0101_0000], 20));
    v.push(build::bitstring(h, &[0], 1));
    v.push(build::flatmap(h, &[], &[]));
    v.push(build::flatmap(h, &[ta], &[s(1)]));
    v.push(build::flatmap(h, &[ta, tb], &[s(1), s(2)]));
    v.push(build::flatmap(h, &[ta, tb], &[s(1), s(2)]));
    let x = build::charlist(h, "x");
    let t0 = build::tuple(h, &[]);
    v.push(build::flatmap(h, &[s(1), x], &[ta, t0]));
    let keys: Vec<Term> = (1..=40).map(s).collect();
    let vals: Vec<Term> = (1..=40).map(|i| s(i * i)).collect();
    v.push(build::flatmap(h, &keys, &vals));
    v.push(build::export_fun(h, lists, map, 2));
    v.push(build::export_fun(h, erlang, self_, 0));
    v.push(build::export_fun(h, hx, main, 0));
    v.extend([
        Term::pid(80),
        Term::pid(80),
        Term::pid(1),
        Term::pid(32767),
        Term::pid(0),
    ]);
    v.push(build::local_ref(h, [3, 2, 1]));
    v.push(build::local_ref(h, [1, 2, 3]));
    v.push(build::local_ref(h, [12345, 0, 0]));
    let b7 = build::binary(h, &[7]);
    let f15 = f(h, 1.5);
    let l = build::list(h, &[f15, b7]);
    let lv = build::list(h, &[tv]);
    let m = build::flatmap(h, &[tk], &[lv]);
    v.push(build::tuple(h, &[ta, l, m, s(-5)]));
    v
}

#[test]
fn matches_erl() {
    let h = &mut Arena::new();
    let mut at = AtomTable::new();
    let ts = terms(h, &mut at);
    assert_eq!(ts.len(), EXPECTED.len());
    for (t, (src, want)) in ts.iter().zip(EXPECTED) {
        // The big map is a HAMT on the BEAM but the hash does not depend on the layout.
        let got = [
            phash2(*t, &at) as u64,
            phash2_range(*t, 1 << 32, &at) as u64,
            phash2_range(*t, 1000, &at) as u64,
            phash(*t, 1 << 32, &at),
            phash(*t, 1000, &at),
        ];
        assert_eq!(&got, want, "hashes of {src}");
    }
}

#[test]
fn closures_hash_by_module_index_and_uniq() {
    let h = &mut Arena::new();
    let mut at = AtomTable::new();
    let hx = at.intern("hx");
    let f = at.intern("-f0/0-fun-0-");
    let mut code = CodeTable::default();
    let fe = |index, num_free| FunEntry {
        function: f,
        arity: num_free,
        entry: 0,
        index,
        num_free,
        old_uniq: 83358844,
    };
    code.codes.push(Some(Rc::new(Code {
        id: 0,
        module: hx,
        instrs: Vec::new().into(),
        literals: Arena::new(),
        exports: Vec::new(),
        funs: alloc::vec![fe(0, 0), fe(1, 1)],
        functions: Vec::new(),
        lines: LineTable::default(),
        strings: Vec::new(),
        attributes: Term::NIL,
        compile_info: Term::NIL,
        md5: [0; 16],
        on_load: None,
    })));
    let a = at.intern("a");
    let cases = [
        (build::closure(h, 0, 0, 0, &[]), 23645634, 3097534965u64),
        (
            build::closure(h, 0, 1, 0, &[Term::small(7)]),
            84373143,
            1595811454,
        ),
        (build::closure(h, 0, 1, 0, &[a]), 90948266, 3811950978),
    ];
    let hs = Hasher::new(&at, Some(&code));
    for (t, want2, want1) in cases {
        assert_eq!(hs.make_hash2(t) & ((1 << 27) - 1), want2);
        assert_eq!(hs.make_hash(t) as u64 + 1, want1);
    }
}
