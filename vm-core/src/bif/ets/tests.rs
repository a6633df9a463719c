//! Unit tests of the ETS natives (the differential tests are `tests/erl/t_ets_*.erl`).

use super::*;
use crate::bif::erlang::testutil::T;

#[test]
fn every_guard_function_has_a_native() {
    let mut t = T::new();
    for (name, arity) in matchspec::GUARD_FNS {
        let f = t.atom(name);
        assert!(
            t.vm.shared
                .bif_for(atom::ERLANG, f, *arity as u32)
                .is_some(),
            "erlang:{name}/{arity} is not registered"
        );
    }
}

#[test]
fn insert_lookup_select_and_delete() {
    let mut t = T::new();
    let name = t.atom("tab");
    let ord = t.atom("ordered_set");
    let opts = t.list(&[ord]);
    let tab = t.call(new_2, &[name, opts]).unwrap();
    let objs: Vec<Term> = (1..=5)
        .map(|i| {
            let s = t.s("x");
            t.tuple(&[Term::small(6 - i), s])
        })
        .collect();
    let l = t.list(&objs);
    assert_eq!(t.show(ops::insert_2, &[tab, l]), "true");
    let two = t.float(2.0);
    assert_eq!(t.show(ops::lookup_2, &[tab, two]), "[{2,\"x\"}]");
    // [{{'$1', '_'}, [{'>', '$1', 3}], [{{'$1'}}]}]
    let (v1, us, gt) = (t.atom("$1"), t.atom("_"), t.atom(">"));
    let head = t.tuple(&[v1, us]);
    let g = t.tuple(&[gt, v1, Term::small(3)]);
    let guards = t.list(&[g]);
    let inner = t.tuple(&[v1]);
    let body_t = t.tuple(&[inner]);
    let body = t.list(&[body_t]);
    let clause = t.tuple(&[head, guards, body]);
    let ms = t.list(&[clause]);
    assert_eq!(t.show(select::select_2, &[tab, ms]), "[{4},{5}]");
    assert_eq!(t.show(select::select_reverse_2, &[tab, ms]), "[{5},{4}]");
    assert_eq!(t.show(ops::first_1, &[tab]), "1");
    assert_eq!(t.show(ops::next_2, &[tab, two]), "3");
    assert_eq!(t.show(delete_1, &[tab]), "true");
    assert_eq!(t.show(ops::lookup_2, &[tab, two]), "error:badarg");
    assert_eq!(t.show(info_1, &[tab]), "undefined");
}

#[test]
fn owner_exit_deletes_tables_without_heir() {
    let mut t = T::new();
    let name = t.atom("owned");
    let named = t.atom("named_table");
    let opts = t.list(&[named]);
    assert_eq!(t.show(new_2, &[name, opts]), "owned");
    let pid = t.p.pid();
    owner_exited(&mut t.vm.shared, &mut None, pid);
    assert!(t.vm.shared.ets.tabs.is_empty());
    assert!(t.vm.shared.ets.names.is_empty());
    assert!(t.vm.shared.ets.owners.is_empty());
}
