//! Local funs in the external format: NEW_FUN_EXT bytes as OTP 25 writes them.
//!
//! The module (compiled by OTP 25 `erlc`):
//! ```erlang
//! -module(t).
//! -export([f/1, g/0]).
//! f(X) -> fun(Y) -> X + Y end.
//! g() -> fun() -> ok end.
//! ```

use lantern_core::etf::{decode, encode, external_size, EncodeOpts};
use lantern_core::heap::{build, Arena};
use lantern_core::host::NullHost;
use lantern_core::term::Term;
use lantern_core::vm::Vm;

const T_BEAM_HEX: &[&str] = &[
    "464f5231000002fc4245414d417455380000004a0000000a0174016601670b6d6f64756c655f696e666f0665726c616e",
    "670f6765745f6d6f64756c655f696e666f0b2d672f302d66756e2d302d026f6b0b2d662f312d66756e2d302d012b0000",
    "436f64650000008d0000001000000000000000ab0000000d000000060110991002122210012010373000101000201010",
    "ab0003171003130130992002123200014010373000001000201000ab1003170013015099000212420001604012034e10",
    "00017099000212421001804003134012034e2010019099200212720001a04082031301b099100212922001c07d052020",
    "13030313030000005374725400000000496d705400000028000000030000000500000006000000010000000500000006",
    "00000002000000050000000a000000024578705400000034000000040000000400000001000000080000000400000000",
    "0000000600000003000000000000000400000002000000010000000246756e5400000034000000020000000900000002",
    "0000000c0000000000000001011c3d7f00000007000000000000000a0000000100000000011c3d7f4d6574610000001d",
    "836c000000016802640010656e61626c65645f66656174757265736a6a0000004c6f63540000001c0000000200000009",
    "000000020000000c00000007000000000000000a4174747200000028836c00000001680264000376736e6c000000016e",
    "1000fcb9ae3a19896ce99a39bf4ce0af87236a6a43496e6600000043836c00000003680264000776657273696f6e6b00",
    "05382e322e3368026400076f7074696f6e736a6802640006736f757263656b000d2f746d702f6c642f742e65726c6a00",
    "446267690000004883680364000d64656275675f696e666f5f763164001165726c5f61627374726163745f636f646568",
    "026400046e6f6e656c0000000168026400036377646b00072f746d702f6c646a4c696e65000000160000000000000000",
    "00000006000000020000000031410000547970650000001a00000001000000011fff0000000000000000ffffffffffff",
    "ffff0000",
];

fn t_beam() -> Vec<u8> {
    let hex: String = T_BEAM_HEX.concat();
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

/// `term_to_binary(t:f(1))` in process <0.9.0>.
const F1: &[u8] = &[
    131, 112, 0, 0, 0, 71, 1, 35, 135, 175, 224, 76, 191, 57, 154, 233, 108, 137, 25, 58, 174, 185,
    252, 0, 0, 0, 0, 0, 0, 0, 1, 100, 0, 1, 116, 97, 0, 98, 1, 28, 61, 127, 88, 100, 0, 13, 110,
    111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0,
    97, 1,
];
/// `term_to_binary(t:g())` in process <0.9.0>.
const G: &[u8] = &[
    131, 112, 0, 0, 0, 69, 0, 35, 135, 175, 224, 76, 191, 57, 154, 233, 108, 137, 25, 58, 174, 185,
    252, 0, 0, 0, 1, 0, 0, 0, 0, 100, 0, 1, 116, 97, 1, 98, 1, 28, 61, 127, 88, 100, 0, 13, 110,
    111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0,
];

#[test]
fn local_funs_encode_like_otp() {
    let mut vm = Vm::new(Box::new(NullHost::default()));
    let m = vm.shared.load_module(&t_beam()).expect("loads");
    let id = vm.shared.code.current(m).expect("current").id;
    let mut a = Arena::new();
    let f1 = build::closure(&mut a, id, 0, 1, &[Term::small(1)]);
    let g = build::closure(&mut a, id, 1, 0, &[]);
    let opts = EncodeOpts {
        creator: Term::pid(9),
        ..EncodeOpts::default()
    };
    let (atoms, code) = (&vm.shared.atoms, &vm.shared.code);
    assert_eq!(encode(f1, atoms, code, opts), F1);
    assert_eq!(encode(g, atoms, code, opts), G);
    // erlang:external_size/1 gives 76 and 74 (the old index counted as 5 bytes).
    assert_eq!(external_size(f1, atoms, code, 1), 76);
    assert_eq!(external_size(g, atoms, code, 1), 74);

    for bytes in [F1, G] {
        let (t, used) = decode(
            bytes,
            &mut vm.shared.atoms,
            Some(&vm.shared.code),
            &mut a,
            false,
        )
        .expect("decodes");
        assert_eq!(used, bytes.len());
        assert_eq!(
            encode(t, &vm.shared.atoms, &vm.shared.code, opts),
            bytes.to_vec()
        );
    }
    // Without the module (or with another MD5) a local fun is refused.
    let mut other = Vm::new(Box::new(NullHost::default()));
    assert!(decode(
        F1,
        &mut other.shared.atoms,
        Some(&other.shared.code),
        &mut a,
        false
    )
    .is_err());
}
