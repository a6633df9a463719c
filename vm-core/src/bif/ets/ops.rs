//! Object-level natives: insert, lookup, delete, update and key iteration.

use alloc::vec::Vec;

use num_bigint::BigInt;

use super::store::{Pos, Stored};
use super::{badarg_cause, with_table, Kind, Need, Store, Table};
use crate::atom;
use crate::atom::AtomTable;
use crate::bif::{BifResult, Ctx, Exception};
use crate::heap::{build, copy, Alloc, Arena};
use crate::term::number::to_bigint;
use crate::term::order::exact_eq;
use crate::term::Term;

/// The `'$end_of_table'` atom.
pub fn eot(ctx: &mut Ctx) -> Term {
    ctx.vm.atoms.intern("$end_of_table")
}

/// The objects an `insert` argument holds (one tuple, or a proper list of them), each checked
/// to be a tuple at least `keypos` long; the flag tells whether it was a list.
fn objects(t: Term, keypos: usize) -> Result<(Vec<Term>, bool), Exception> {
    let ok = |o: &Term| matches!(o.tuple(), Some(e) if e.len() >= keypos);
    if t.is_tuple() {
        if !ok(&t) {
            return Err(Exception::badarg());
        }
        return Ok((alloc::vec![t], false));
    }
    let v = t.list_to_vec().ok_or_else(Exception::badarg)?;
    if !v.iter().all(ok) {
        return Err(Exception::badarg());
    }
    Ok((v, true))
}

fn key_of(t: Term, keypos: usize) -> Term {
    t.tuple().unwrap()[keypos - 1]
}

fn has_key(tab: &Table, key: Term, atoms: &AtomTable) -> bool {
    match &tab.store {
        Store::Hash(h) => h.get(key, tab.keypos).is_some(),
        Store::Ord(o) => o.get(key, tab.keypos, atoms).is_some(),
    }
}

/// Inserts checked objects. A list into a `bag` goes in last to first (what OTP 25 does).
fn insert_objects(tab: &mut Table, objs: &[Term], list: bool, atoms: &AtomTable) {
    let kp = tab.keypos;
    match (&mut tab.store, tab.kind) {
        (Store::Ord(o), _) => {
            for t in objs {
                o.put(Stored::new(*t), kp, atoms);
            }
        }
        (Store::Hash(h), Kind::Set) => {
            for t in objs {
                h.put_set(Stored::new(*t), kp);
            }
        }
        (Store::Hash(h), Kind::Bag) => {
            if list {
                for t in objs.iter().rev() {
                    h.put_bag(*t, kp);
                }
            } else {
                for t in objs {
                    h.put_bag(*t, kp);
                }
            }
        }
        (Store::Hash(h), _) => {
            for t in objs {
                h.put_dbag(Stored::new(*t), kp);
            }
        }
    }
}

/// `ets:insert(Tab, ObjectOrObjects)`.
pub fn insert_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Write, |ctx, tab| {
        let (objs, list) = objects(a[1], tab.keypos)?;
        insert_objects(tab, &objs, list, &ctx.vm.atoms);
        Ok(atom::TRUE)
    })
}

/// `ets:insert_new(Tab, ObjectOrObjects)`.
pub fn insert_new_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Write, |ctx, tab| {
        let (objs, list) = objects(a[1], tab.keypos)?;
        let atoms = &ctx.vm.atoms;
        if objs
            .iter()
            .any(|o| has_key(tab, key_of(*o, tab.keypos), atoms))
        {
            return Ok(atom::FALSE);
        }
        insert_objects(tab, &objs, list, atoms);
        Ok(atom::TRUE)
    })
}

/// The objects stored under `key`.
fn objects_of<'a>(tab: &'a Table, key: Term, atoms: &AtomTable) -> &'a [Stored] {
    match &tab.store {
        Store::Hash(h) => h.get(key, tab.keypos).map(|g| g.as_slice()).unwrap_or(&[]),
        Store::Ord(o) => o
            .get(key, tab.keypos, atoms)
            .map(core::slice::from_ref)
            .unwrap_or(&[]),
    }
}

/// A list of copies of `objs` on the caller's heap.
pub fn copy_list(h: &mut impl Alloc, objs: &[Stored]) -> Term {
    let v: Vec<Term> = objs.iter().map(|o| copy::copy_term(o.term, h)).collect();
    build::list(h, &v)
}

/// `ets:lookup(Tab, Key)`.
pub fn lookup_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Read, |ctx, tab| {
        let objs = objects_of(tab, a[1], &ctx.vm.atoms);
        Ok(copy_list(&mut ctx.proc.heap, objs))
    })
}

/// `ets:lookup_element(Tab, Key, Pos)`.
pub fn lookup_element_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Read, |ctx, tab| {
        let pos = match a[2].as_small() {
            Some(p) if p >= 1 => p as usize,
            _ => return Err(Exception::badarg()),
        };
        let objs = objects_of(tab, a[1], &ctx.vm.atoms);
        if objs.is_empty() {
            return Err(badarg_cause(ctx, "badkey"));
        }
        if objs.iter().any(|o| o.elems().len() < pos) {
            return Err(Exception::badarg());
        }
        let h = &mut ctx.proc.heap;
        if matches!(tab.kind, Kind::Set | Kind::OrderedSet) {
            return Ok(copy::copy_term(objs[0].elems()[pos - 1], h));
        }
        let v: Vec<Term> = objs
            .iter()
            .map(|o| copy::copy_term(o.elems()[pos - 1], h))
            .collect();
        Ok(build::list(h, &v))
    })
}

/// `ets:member(Tab, Key)`.
pub fn member_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Read, |ctx, tab| {
        Ok(Term::bool(has_key(tab, a[1], &ctx.vm.atoms)))
    })
}

fn remove_key(tab: &mut Table, key: Term, atoms: &AtomTable) -> Vec<Stored> {
    let kp = tab.keypos;
    match &mut tab.store {
        Store::Hash(h) => h.remove_key(key, kp).unwrap_or_default(),
        Store::Ord(o) => o.remove(key, kp, atoms).into_iter().collect(),
    }
}

/// `ets:take(Tab, Key)`.
pub fn take_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Write, |ctx, tab| {
        let objs = remove_key(tab, a[1], &ctx.vm.atoms);
        Ok(copy_list(&mut ctx.proc.heap, &objs))
    })
}

/// `ets:delete(Tab, Key)`.
pub fn delete_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Write, |ctx, tab| {
        remove_key(tab, a[1], &ctx.vm.atoms);
        Ok(atom::TRUE)
    })
}

/// `ets:delete_object(Tab, Object)`.
pub fn delete_object_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Write, |ctx, tab| {
        let obj = a[1];
        let kp = tab.keypos;
        match obj.tuple() {
            Some(e) if e.len() >= kp => {}
            _ => return Err(Exception::badarg()),
        }
        let key = key_of(obj, kp);
        match &mut tab.store {
            Store::Hash(h) => {
                h.retain_key(key, kp, |o| !exact_eq(o.term, obj));
            }
            Store::Ord(o) => {
                if let Ok(p) = o.find(key, kp, &ctx.vm.atoms) {
                    if exact_eq(o.at(p).unwrap().term, obj) {
                        o.remove_at(p);
                    }
                }
            }
        }
        Ok(atom::TRUE)
    })
}

/// `ets:internal_delete_all(Tab, _)`: empties the table, returns how many objects went.
pub fn internal_delete_all_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Write, |_, tab| {
        Ok(Term::small(tab.store.clear() as i64))
    })
}

/// Where the one object of `key` is in a `set`/`ordered_set`.
enum Slot {
    Hash,
    Ord(Pos),
}

fn find_single<'a>(tab: &'a Table, key: Term, atoms: &AtomTable) -> Option<(Slot, &'a Stored)> {
    match &tab.store {
        Store::Hash(h) => h.get(key, tab.keypos).map(|g| (Slot::Hash, &g[0])),
        Store::Ord(o) => {
            let p = o.find(key, tab.keypos, atoms).ok()?;
            Some((Slot::Ord(p), o.at(p).unwrap()))
        }
    }
}

fn replace_single(tab: &mut Table, slot: Slot, new: Stored) {
    let kp = tab.keypos;
    match (&mut tab.store, slot) {
        (Store::Hash(h), _) => h.put_set(new, kp),
        (Store::Ord(o), Slot::Ord(p)) => o.replace_at(p, new),
        (Store::Ord(_), Slot::Hash) => {}
    }
}

/// `ets:update_element(Tab, Key, {Pos, Value} | [{Pos, Value}])`.
pub fn update_element_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Write, |ctx, tab| {
        if !matches!(tab.kind, Kind::Set | Kind::OrderedSet) {
            return Err(Exception::badarg());
        }
        let Some((slot, obj)) = find_single(tab, a[1], &ctx.vm.atoms) else {
            return Ok(atom::FALSE);
        };
        let specs = if a[2].is_tuple() {
            alloc::vec![a[2]]
        } else {
            a[2].list_to_vec().ok_or_else(Exception::badarg)?
        };
        let mut elems: Vec<Term> = obj.elems().to_vec();
        for s in specs {
            let (pos, val) = match s.tuple() {
                Some(&[p, v]) => (p.as_small(), v),
                _ => return Err(Exception::badarg()),
            };
            match pos {
                Some(p) if p as usize == tab.keypos => return Err(badarg_cause(ctx, "keypos")),
                Some(p) if p >= 1 && (p as usize) <= elems.len() => elems[p as usize - 1] = val,
                _ => return Err(Exception::badarg()),
            }
        }
        let mut tmp = Arena::with_capacity(elems.len() + 1);
        let new = Stored::new(build::tuple(&mut tmp, &elems));
        replace_single(tab, slot, new);
        Ok(atom::TRUE)
    })
}

/// One `update_counter` operation.
struct CounterOp {
    pos: usize,
    incr: Term,
    threshold: Option<(Term, Term)>,
}

fn parse_counter_ops(t: Term, keypos: usize) -> Result<(Vec<CounterOp>, bool), Exception> {
    let one = |t: Term| -> Result<CounterOp, Exception> {
        let e = t.tuple().ok_or_else(Exception::badarg)?;
        let pos = match e.first().and_then(|p| p.as_small()) {
            Some(p) if p >= 1 => p as usize,
            _ => return Err(Exception::badarg()),
        };
        match *e {
            [_, incr] if incr.is_integer() => Ok(CounterOp {
                pos,
                incr,
                threshold: None,
            }),
            [_, incr, thr, set] if incr.is_integer() && thr.is_integer() && set.is_integer() => {
                Ok(CounterOp {
                    pos,
                    incr,
                    threshold: Some((thr, set)),
                })
            }
            _ => Err(Exception::badarg()),
        }
    };
    if t.is_integer() {
        return Ok((
            alloc::vec![CounterOp {
                pos: keypos + 1,
                incr: t,
                threshold: None,
            }],
            false,
        ));
    }
    if t.is_tuple() {
        return Ok((alloc::vec![one(t)?], false));
    }
    let items = t.list_to_vec().ok_or_else(Exception::badarg)?;
    let ops = items.into_iter().map(one).collect::<Result<Vec<_>, _>>()?;
    Ok((ops, true))
}

/// `a + b` for integers, on `h`.
fn int_add(a: Term, b: Term, h: &mut impl Alloc) -> Term {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return build::int(h, x + y);
    }
    let s: BigInt = to_bigint(a).unwrap() + to_bigint(b).unwrap();
    build::bigint(h, &s)
}

fn int_cmp(a: Term, b: Term) -> core::cmp::Ordering {
    crate::term::number::compare_numbers(a, b)
}

/// Applies counter operations to `elems`; the results (in `tmp`), or the error's cause.
fn apply_counters(
    elems: &mut [Term],
    ops: &[CounterOp],
    keypos: usize,
    tmp: &mut Arena,
) -> Result<Vec<Term>, Option<&'static str>> {
    let mut out = Vec::with_capacity(ops.len());
    for op in ops {
        if op.pos == keypos {
            return Err(Some("keypos"));
        }
        if op.pos > elems.len() {
            return Err(Some("position"));
        }
        if !elems[op.pos - 1].is_integer() {
            return Err(None);
        }
        let mut v = int_add(elems[op.pos - 1], op.incr, tmp);
        if let Some((thr, set)) = op.threshold {
            let up = int_cmp(op.incr, Term::small(0)) != core::cmp::Ordering::Less;
            let c = int_cmp(v, thr);
            if (up && c == core::cmp::Ordering::Greater) || (!up && c == core::cmp::Ordering::Less)
            {
                v = set;
            }
        }
        elems[op.pos - 1] = v;
        out.push(v);
    }
    Ok(out)
}

fn update_counter(ctx: &mut Ctx, a: &[Term], default: Option<Term>) -> BifResult {
    with_table(ctx, a[0], Need::Write, |ctx, tab| {
        if !matches!(tab.kind, Kind::Set | Kind::OrderedSet) {
            return Err(badarg_cause(ctx, "table_type"));
        }
        let kp = tab.keypos;
        let (ops, list) = parse_counter_ops(a[2], kp)?;
        let found = find_single(tab, a[1], &ctx.vm.atoms);
        let (slot, mut elems) = match found {
            Some((slot, obj)) => (Some(slot), obj.elems().to_vec()),
            None => {
                let Some(d) = default else {
                    return Err(badarg_cause(ctx, "badkey"));
                };
                match d.tuple() {
                    Some(e) if e.len() >= kp => {
                        let mut v = e.to_vec();
                        v[kp - 1] = a[1];
                        (None, v)
                    }
                    _ => return Err(Exception::badarg()),
                }
            }
        };
        let mut tmp = Arena::with_capacity(elems.len() + 1 + 4 * ops.len());
        let results = match apply_counters(&mut elems, &ops, kp, &mut tmp) {
            Ok(r) => r,
            Err(Some(cause)) => return Err(badarg_cause(ctx, cause)),
            Err(None) => return Err(Exception::badarg()),
        };
        let new = Stored::new(build::tuple(&mut tmp, &elems));
        match slot {
            Some(s) => replace_single(tab, s, new),
            None => match &mut tab.store {
                Store::Hash(h) => h.put_set(new, kp),
                Store::Ord(o) => o.put(new, kp, &ctx.vm.atoms),
            },
        }
        let h = &mut ctx.proc.heap;
        let vals: Vec<Term> = results.iter().map(|v| copy::copy_term(*v, h)).collect();
        Ok(if list { build::list(h, &vals) } else { vals[0] })
    })
}

/// `ets:update_counter(Tab, Key, UpdateOp)`.
pub fn update_counter_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    update_counter(ctx, a, None)
}

/// `ets:update_counter(Tab, Key, UpdateOp, Default)`.
pub fn update_counter_4(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    update_counter(ctx, a, Some(a[3]))
}

/// Which way `first`/`next`/`last`/`prev` walk.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    First,
    Last,
    Next,
    Prev,
}

fn step(ctx: &mut Ctx, tab_arg: Term, key: Term, dir: Dir) -> BifResult {
    with_table(ctx, tab_arg, Need::Read, |ctx, tab| {
        let kp = tab.keypos;
        let found = match &tab.store {
            Store::Hash(h) => match dir {
                Dir::First | Dir::Last => h.first_key(kp),
                Dir::Next | Dir::Prev => h
                    .groups_after(key, kp, true)
                    .ok_or_else(Exception::badarg)?
                    .next()
                    .map(|g| g[0].key(kp)),
            },
            Store::Ord(o) => {
                let atoms = &ctx.vm.atoms;
                let p = match dir {
                    Dir::First => o.first_pos(),
                    Dir::Last => o.last_pos(),
                    Dir::Next => o.pos_after(key, kp, atoms),
                    Dir::Prev => o.pos_before(key, kp, atoms),
                };
                p.map(|p| o.at(p).unwrap().key(kp))
            }
        };
        Ok(match found {
            Some(k) => copy::copy_term(k, &mut ctx.proc.heap),
            None => eot(ctx),
        })
    })
}

/// `ets:first(Tab)`.
pub fn first_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    step(ctx, a[0], Term::NIL, Dir::First)
}

/// `ets:last(Tab)`.
pub fn last_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    step(ctx, a[0], Term::NIL, Dir::Last)
}

/// `ets:next(Tab, Key)`.
pub fn next_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    step(ctx, a[0], a[1], Dir::Next)
}

/// `ets:prev(Tab, Key)`.
pub fn prev_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    step(ctx, a[0], a[1], Dir::Prev)
}

/// `ets:slot(Tab, I)`: the `I`-th object of an `ordered_set`; the `I`-th key's objects of
/// the other types.
pub fn slot_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Read, |ctx, tab| {
        let i = a[1].as_usize().ok_or_else(Exception::badarg)?;
        let (n, objs): (usize, &[Stored]) = match &tab.store {
            Store::Ord(o) => (o.len, o.nth(i).map(core::slice::from_ref).unwrap_or(&[])),
            Store::Hash(h) => {
                let mut n = 0;
                let mut found: &[Stored] = &[];
                for (j, g) in h.groups().enumerate() {
                    if j == i {
                        found = g;
                    }
                    n += 1;
                }
                (n, found)
            }
        };
        if i == n {
            return Ok(eot(ctx));
        }
        if i > n {
            return Err(Exception::badarg());
        }
        Ok(copy_list(&mut ctx.proc.heap, objs))
    })
}
