//! Resources: embedder objects held by Erlang as magic references, released to the embedder
//! exactly once, when the last term standing for one is gone.
//!
//! The Erlang side is this module (compiled by OTP 25 `erlc`, then `beam_lib:strip/1`):
//! ```erlang
//! -module(res_t).
//! -export([holder/0, ets_owner/0, facts/3]).
//!
//! %% Holds the resource it is sent through minor and major collections, then on `drop` hands a
//! %% copy to `js`, lets go of its own, collects, and waits for `stop`.
//! holder() ->
//!     Keep = receive {hold, R} -> {box, [R]} end,
//!     Kept = churn(Keep, 60),
//!     receive drop -> ok end,
//!     {box, [R2]} = Kept,
//!     js ! {held, R2},
//!     collect(),
//!     receive stop -> ok end.
//!
//! churn(Keep, 0) -> Keep;
//! churn(Keep, N) ->
//!     _ = length(lists:seq(1, 300)),
//!     case N rem 7 of
//!         0 -> collect();
//!         _ -> ok
//!     end,
//!     churn(Keep, N - 1).
//!
//! %% erlang:garbage_collect/0 makes a collection due at the next safe point; the allocation after
//! %% it reaches one (a process that went straight to waiting would not collect).
//! collect() ->
//!     erlang:garbage_collect(),
//!     _ = lists:seq(1, 3),
//!     ok.
//!
//! %% Puts the resource it is sent in a table and forgets its own copy; on request looks it up
//! %% (handing a copy to `js`), deletes it, and stops.
//! ets_owner() ->
//!     T = ets:new(res_t, [set]),
//!     receive {put, R} -> ets:insert(T, {k, R}) end,
//!     collect(),
//!     receive lookup -> [{k, R2}] = ets:lookup(T, k), js ! {found, R2} end,
//!     collect(),
//!     receive delete -> ets:delete(T, k) end,
//!     receive stop -> ok end.
//!
//! %% What Erlang sees of two resources A and B, and Ac (a copy of A).
//! facts(A, B, Ac) ->
//!     {is_reference(A), A =:= Ac, A == Ac, A =:= B, A < B orelse B < A,
//!      erlang:phash2(A) =:= erlang:phash2(Ac), #{A => 1, B => 2},
//!      lists:usort([A, B, Ac]) =:= lists:usort([A, B])}.
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use lantern_core::etf::{decode, encode, EncodeOpts};
use lantern_core::heap::{build, copy, gc, Arena, Heap};
use lantern_core::host::Host;
use lantern_core::resource::{self, Releases};
use lantern_core::scheduler::RunResult;
use lantern_core::term::{hash, order};
use lantern_core::{Outcome, Term, Vm};

const RES_T_HEX: &[&str] = &[
    "464f5231000006544245414d4c696e650000003c00000000000000000000001a00000017000000006181b1c1a1f10911",
    "091209130916091a091b091c0921092209230924092509260927092b092d092e54797065000000620000000100000005",
    "1fff0000000000000000ffffffffffffffff01080000000000000000ffffffffffffffff00400000000000000000ffff",
    "ffffffffffff0040fffffffffffffffa000000000000000600080000000000000000ffffffffffffffff000041745538",
    "000000e800000025057265735f7406686f6c64657204686f6c6403626f780464726f700468656c64026a730473746f70",
    "026f6b05636875726e056c69737473037365710665726c616e67066c656e6774680372656d012d07636f6c6c6563740f",
    "676172626167655f636f6c6c656374096574735f6f776e657203657473036e657703707574016b06696e73657274066c",
    "6f6f6b757005666f756e640664656c6574650566616374730c69735f7265666572656e6365033d3a3d023d3d04747275",
    "65013c067068617368320575736f72740b6d6f64756c655f696e666f0f6765745f6d6f64756c655f696e666f436f6465",
    "000003260000001000000000000000b20000002a00000007011099100212220001200c1000ac171004013017b5039fa5",
    "032032105010420310031545030203a4031720420340093c1399200420e540030401401795032b850352154204100341",
    "03130334c5570310103020a41317206213ac171004407203993014994004000d1201501775032b650382154092031210",
    "130160185501701955018018450190194501a0183501b0193501c09950480401d099600212a22001e02bf55713200113",
    "01f00c202040130440031440292c1340110399700720007c051010030399807d05002057042071032b0d105703300199",
    "9004000d1201081099a07d05003057042011134014030520e52001081199b002120a11000108120c000099c007004040",
    "311340110399d007200040920312001301081399e002120a13000108140c1000ac1710044047001340120399f0072050",
    "400304010815170d20039f0d1f03200a161030104203100315a41317200a170340040399081007206099081104000d12",
    "010816170d1e032b0d1d030a1915400a1713400403990812072070380d2103410313239f0d2113200a17340d21231030",
    "2042131003a41317200a1a034072031499081304000d12010817170d1c032b0d1b030a1b15400a1713400403ac171004",
    "990814072080010818170d1a032b0d19038215409203121013010819180d1801081a190d1801081b180d1701081c190d",
    "1701081d180d1601081e190d1601081f180d15010820190d15010821990812480301082299081502120a1c300108230c",
    "a030ac17300414244023744013844003940a059003640b05a00323540b05b00323440b05a0031334270d240313400a20",
    "243d0d250108240b05c01303034003240108254094039908160710d04003144074030710d00b05a01403149a05471003",
    "00172094119a05030410172084211060004574020345840303459403034004748810909908170710e010401045740213",
    "458413134003844004748810804013030710e01090100b05a057744057034003a4031780443424140464540312801301",
    "0826990002120a24000108274012034e10f0010828990002120a24100108294003134012034e20081003000053747254",
    "00000000496d7054000000d0000000110000000b0000000c000000020000000d0000000e000000010000000d0000000f",
    "000000020000000d00000010000000020000000d00000012000000000000001400000015000000020000001400000018",
    "00000002000000140000001900000002000000140000001b000000020000000d0000001d000000010000000d0000001e",
    "000000020000000d0000001f000000020000000d00000021000000020000000d00000022000000010000000b00000023",
    "000000010000000d00000025000000010000000d00000025000000024578705400000040000000050000002400000001",
    "000000290000002400000000000000270000001c00000003000000230000001300000000000000140000000200000000",
    "000000024c697454000000260000001e789c63606060626060e069ce01928ce5ccc5a9255940165b730990640000381d",
    "042c00004d6574610000001d836c000000016802640010656e61626c65645f66656174757265736a6a000000",
];

fn res_t_beam() -> Vec<u8> {
    let hex: String = RES_T_HEX.concat();
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

/// A host whose modules come from the OTP installation (for `lists`).
struct TestHost {
    out: Rc<RefCell<Vec<u8>>>,
}

impl Host for TestHost {
    fn monotonic_nanos(&self) -> u64 {
        0
    }
    fn system_time_nanos(&self) -> i64 {
        0
    }
    fn write_stdout(&mut self, bytes: &[u8]) {
        self.out.borrow_mut().extend_from_slice(bytes);
    }
    fn write_stderr(&mut self, _: &[u8]) {}
    fn find_module(&mut self, module: &str) -> Option<Vec<u8>> {
        let lib = std::path::Path::new("/usr/lib/erlang/lib");
        for entry in std::fs::read_dir(lib).ok()?.flatten() {
            if let Ok(b) = std::fs::read(entry.path().join("ebin").join(format!("{module}.beam"))) {
                return Some(b);
            }
        }
        None
    }
    fn random_u64(&mut self) -> u64 {
        4
    }
}

/// A VM with `res_t` loaded and `js` claimed; `None` without an OTP installation.
fn vm() -> Option<(Vm, Rc<RefCell<Vec<u8>>>)> {
    if !std::path::Path::new("/usr/lib/erlang/lib").exists() {
        eprintln!("no OTP installation; skipping");
        return None;
    }
    let out: Rc<RefCell<Vec<u8>>> = Default::default();
    let mut vm = Vm::new(Box::new(TestHost { out: out.clone() }));
    vm.load_module(&res_t_beam()).expect("res_t loads");
    vm.claim_name("js");
    Some((vm, out))
}

fn idle(vm: &mut Vm) {
    assert_eq!(vm.run(10_000_000), RunResult::Idle { next_timer: None });
}

/// Sends `{tag, Resource}` made in the results arena, then frees the arena, so the message is
/// the only reference.
fn send_resource(vm: &mut Vm, pid: Term, tag: &str, releases: &Releases, id: u64) {
    let tag = vm.atom(tag);
    let r = resource::make(vm.results(), releases, id);
    let msg = build::tuple(vm.results(), &[tag, r]);
    vm.send(pid, msg).unwrap();
    vm.clear_results();
    assert!(releases.is_empty(), "the message keeps the resource");
}

fn send_atom(vm: &mut Vm, pid: Term, a: &str) {
    let a = vm.atom(a);
    vm.send(pid, a).unwrap();
}

/// `exit(Pid, kill)` from a process of its own.
fn kill(vm: &mut Vm, pid: Term) {
    let kill = vm.atom("kill");
    assert!(matches!(
        vm.call("erlang", "exit", &[pid, kill]),
        Outcome::Returned(_)
    ));
    idle(vm);
}

/// The one message in the outbox, `{Tag, Resource}`: the resource's id.
fn outbox_resource_id(vm: &mut Vm) -> u64 {
    let out = vm.take_outbox();
    assert_eq!(out.len(), 1);
    let e = out[0].1.tuple().expect("a tuple").to_vec();
    resource::id_of(e[1]).expect("a resource")
}

#[test]
fn an_arena_holds_its_resource_until_dropped() {
    let rel = Releases::new();
    let mut a = Arena::new();
    let r = resource::make(&mut a, &rel, 42);
    assert_eq!(resource::id_of(r), Some(42));
    assert!(r.is_ref() && r.is_magic_ref());
    assert_eq!(resource::id_of(Term::small(42)), None);
    // A copy in another area shares the one resource.
    let mut b = Arena::new();
    let r2 = copy::copy_term(build::tuple(&mut a, &[r, r]), &mut b);
    assert_eq!(r.resource().unwrap().refc(), 3);
    drop(a);
    assert!(rel.is_empty());
    assert_eq!(resource::id_of(r2.tuple().unwrap()[1]), Some(42));
    drop(b);
    assert_eq!(rel.take(), vec![42]);
    assert!(rel.take().is_empty(), "released once");
}

#[test]
fn a_heap_keeps_a_reachable_resource_through_minor_and_major_collections() {
    let rel = Releases::new();
    let mut h = Heap::new(233);
    let live = resource::make(&mut h, &rel, 1);
    let _dead = resource::make(&mut h, &rel, 2);
    let mut roots = [build::tuple(&mut h, &[live, Term::small(0)])];
    for i in 0..(gc::FULLSWEEP_AFTER as usize + 10) {
        for _ in 0..200 {
            let _ = build::tuple(&mut h, &[Term::small(i as i64); 5]);
        }
        roots[0] = build::tuple(
            &mut h,
            &[roots[0].tuple().unwrap()[0], Term::small(i as i64)],
        );
        gc::collect(&mut h, &mut [&mut roots], 0);
        if i == 0 {
            assert_eq!(
                rel.take(),
                vec![2],
                "the unreachable one goes at the first collection"
            );
        }
    }
    assert!(h.major_gcs >= 2 && h.minor_gcs > 0);
    assert!(rel.is_empty());
    let t = roots[0].tuple().unwrap()[0];
    assert_eq!(resource::id_of(t), Some(1));
    assert_eq!(t.resource().unwrap().refc(), 1);
    roots[0] = Term::NIL;
    if h.minor_gcs + 1 < gc::FULLSWEEP_AFTER {
        gc::collect(&mut h, &mut [&mut roots], 0);
        assert!(
            rel.is_empty(),
            "a minor collection leaves the old generation alone"
        );
    }
    h.request_gc();
    gc::collect(&mut h, &mut [&mut roots], 0);
    assert_eq!(rel.take(), vec![1]);
    drop(h);
    assert!(rel.is_empty());
}

#[test]
fn a_dropped_heap_releases_its_resources() {
    let rel = Releases::new();
    let mut h = Heap::new(233);
    let _ = resource::make(&mut h, &rel, 5);
    drop(h);
    assert_eq!(rel.take(), vec![5]);
}

#[test]
fn resources_compare_order_hash_and_print_as_distinct_references() {
    let Some((mut vm, _)) = vm() else { return };
    let rel = Releases::new();
    let a = resource::make(vm.results(), &rel, 1);
    let b = resource::make(vm.results(), &rel, 1); // the same id twice: still two resources
    let mut other = Arena::new();
    let ac = copy::copy_term(a, &mut other);
    assert!(order::exact_eq(a, ac) && !order::exact_eq(a, b));
    let atoms = &vm.shared.atoms;
    assert_eq!(order::compare(a, ac, atoms), std::cmp::Ordering::Equal);
    assert_ne!(order::compare(a, b, atoms), std::cmp::Ordering::Equal);
    assert_eq!(hash::phash2(a, atoms), hash::phash2(ac, atoms));
    let (da, db) = (vm.display(a), vm.display(b));
    assert!(da.starts_with("#Ref<0.") && da.ends_with('>'), "{da}");
    assert_eq!(da, vm.display(ac));
    assert_ne!(da, db);
    // What Erlang makes of them (a map with both as keys, usort, ==, phash2).
    match vm.call("res_t", "facts", &[a, b, ac]) {
        Outcome::Returned(v) => {
            let s = vm.display(v);
            assert!(s.starts_with("{true,true,true,false,true,true,#{"), "{s}");
            assert!(s.ends_with("},true}"), "{s}");
        }
        _ => panic!("res_t:facts/3 did not return"),
    }
    // The second lived in the results and the (ended) process only; `other` holds the first.
    vm.clear_results();
    assert_eq!(rel.take(), vec![1]);
    assert_eq!(resource::id_of(ac), Some(1));
    drop(other);
    assert_eq!(rel.take(), vec![1]);
}

#[test]
fn a_process_keeps_a_resource_while_it_holds_it_and_releases_it_after() {
    let Some((mut vm, _)) = vm() else { return };
    let rel = Releases::new();
    let pid = vm.spawn("res_t", "holder", &[]).unwrap();
    send_resource(&mut vm, pid, "hold", &rel, 7);
    idle(&mut vm);
    let p = vm.shared.procs.get_mut(pid).unwrap();
    assert!(p.heap.major_gcs >= 8, "{} major", p.heap.major_gcs);
    assert!(rel.is_empty(), "held across the collections");
    // It hands a copy back to the embedder, drops its own and collects.
    send_atom(&mut vm, pid, "drop");
    idle(&mut vm);
    assert!(rel.is_empty(), "the outbox copy keeps it");
    assert_eq!(outbox_resource_id(&mut vm), 7);
    assert_eq!(rel.take(), vec![7]);
    send_atom(&mut vm, pid, "stop");
    idle(&mut vm);
    assert_eq!(vm.shared.procs.count(), 0);
    assert!(rel.is_empty());
}

#[test]
fn two_processes_share_one_resource_until_both_let_go() {
    let Some((mut vm, _)) = vm() else { return };
    let rel = Releases::new();
    let p1 = vm.spawn("res_t", "holder", &[]).unwrap();
    let p2 = vm.spawn("res_t", "holder", &[]).unwrap();
    let hold = vm.atom("hold");
    let r = resource::make(vm.results(), &rel, 9);
    let msg = build::tuple(vm.results(), &[hold, r]);
    vm.send(p1, msg).unwrap();
    vm.send(p2, msg).unwrap();
    vm.clear_results();
    idle(&mut vm);
    send_atom(&mut vm, p1, "drop");
    idle(&mut vm);
    assert_eq!(outbox_resource_id(&mut vm), 9);
    assert!(rel.is_empty(), "the second process still holds it");
    send_atom(&mut vm, p1, "stop");
    idle(&mut vm);
    assert!(rel.is_empty());
    // The second dies while it holds it: its heap goes, and with it the last reference.
    kill(&mut vm, p2);
    assert_eq!(vm.shared.procs.count(), 0);
    assert_eq!(rel.take(), vec![9]);
}

#[test]
fn an_ets_table_keeps_a_resource_until_the_object_is_deleted() {
    let Some((mut vm, _)) = vm() else { return };
    let rel = Releases::new();
    let pid = vm.spawn("res_t", "ets_owner", &[]).unwrap();
    send_resource(&mut vm, pid, "put", &rel, 11);
    idle(&mut vm);
    assert!(rel.is_empty(), "the table holds it");
    send_atom(&mut vm, pid, "lookup");
    idle(&mut vm);
    assert_eq!(outbox_resource_id(&mut vm), 11);
    assert!(rel.is_empty(), "still in the table");
    send_atom(&mut vm, pid, "delete");
    idle(&mut vm);
    assert_eq!(rel.take(), vec![11]);
    send_atom(&mut vm, pid, "stop");
    idle(&mut vm);
    assert!(rel.is_empty());
}

#[test]
fn erlang_display_prints_a_reference() {
    let Some((mut vm, out)) = vm() else { return };
    let rel = Releases::new();
    let r = resource::make(vm.results(), &rel, 3);
    let shown = vm.display(r);
    match vm.call("erlang", "display", &[r]) {
        Outcome::Returned(v) => assert_eq!(vm.display(v), "true"),
        _ => panic!("erlang:display/1 did not return"),
    }
    assert_eq!(
        String::from_utf8_lossy(&out.borrow()),
        format!("{shown}\r\n")
    );
    match vm.call("erlang", "is_reference", &[r]) {
        Outcome::Returned(v) => assert_eq!(vm.display(v), "true"),
        _ => panic!("erlang:is_reference/1 did not return"),
    }
}

#[test]
fn the_external_format_carries_a_plain_reference() {
    let mut vm = Vm::new(Box::new(lantern_core::host::NullHost::default()));
    let rel = Releases::new();
    let mut a = Arena::new();
    let r = resource::make(&mut a, &rel, 77);
    let bytes = encode(r, &vm.shared.atoms, &vm.shared.code, EncodeOpts::default());
    assert_eq!(bytes[1], 90, "NEWER_REFERENCE_EXT");
    let mut b = Arena::new();
    let (d, used) = decode(&bytes, &mut vm.shared.atoms, None, &mut b, false).unwrap();
    assert_eq!(used, bytes.len());
    assert!(d.is_ref() && !d.is_magic_ref());
    assert_eq!(resource::id_of(d), None);
    // The same numbers: equal to the resource, but it does not keep it alive.
    assert!(order::exact_eq(r, d));
    assert_eq!(vm.display(r), vm.display(d));
    drop(a);
    assert_eq!(rel.take(), vec![77]);
    assert_eq!(
        encode(d, &vm.shared.atoms, &vm.shared.code, EncodeOpts::default()),
        bytes
    );
}

#[test]
fn resource_numbers_are_unique() {
    let rel = Releases::new();
    let mut a = Arena::new();
    let seen: std::collections::HashSet<[u32; 3]> = (0..100)
        .map(|_| resource::make(&mut a, &rel, 0).ref_numbers().unwrap())
        .collect();
    assert_eq!(seen.len(), 100);
}

#[test]
fn a_table_that_dies_with_its_owner_releases_its_resources() {
    let Some((mut vm, _)) = vm() else { return };
    let rel = Releases::new();
    let pid = vm.spawn("res_t", "ets_owner", &[]).unwrap();
    send_resource(&mut vm, pid, "put", &rel, 13);
    idle(&mut vm);
    assert!(rel.is_empty(), "the table holds it");
    kill(&mut vm, pid);
    assert_eq!(rel.take(), vec![13]);
}
