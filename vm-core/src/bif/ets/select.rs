//! `select`, `match` and friends (with their continuations), `select_count`,
//! `select_delete`, `select_replace`, and match specifications as values
//! (`match_spec_compile/1`, `match_spec_run_r/3`, `erlang:match_spec_test/3`).
//!
//! A continuation is `{Tid, LastKey, Limit, MatchSpec, Reverse}`: the next chunk starts after
//! `LastKey` (before it when `Reverse`). The specification travels as its source and is
//! compiled again for each chunk.

use alloc::boxed::Box;
use alloc::vec::Vec;

use super::matchspec::{self, atom_is, var_number, MatchSpec, Runner};
use super::ops::eot;
use super::store::Stored;
use super::{badarg_cause, with_table, Kind, Need, Store, Table, MS_MARK, TID_MARK};
use crate::atom;
use crate::atom::AtomTable;
use crate::bif::{BifResult, Ctx, Exception};
use crate::heap::{build, copy};
use crate::term::map;
use crate::term::order::exact_eq;
use crate::term::Term;
use crate::vm::Shared;

/// A match specification made by `match_spec_compile/1`.
pub struct CompiledMs {
    _src: Stored,
    ms: MatchSpec,
}

/// Compiles a specification passed to `select` and friends (where `[]` matches nothing).
fn compile(ctx: &Ctx, ms: Term) -> Result<MatchSpec, Exception> {
    if ms.is_nil() {
        return Ok(MatchSpec::empty());
    }
    matchspec::compile(ms, ctx.vm).map_err(|_| Exception::badarg())
}

/// The groups of objects to visit, in order: all of them, or those after `after` (before it
/// when `reverse`), or only `bound`'s.
fn groups<'a>(
    tab: &'a Table,
    after: Option<Term>,
    reverse: bool,
    bound: Option<Term>,
    atoms: &AtomTable,
) -> Box<dyn Iterator<Item = &'a [Stored]> + 'a> {
    let kp = tab.keypos;
    if let Some(k) = bound {
        if after.is_some() {
            return Box::new(core::iter::empty());
        }
        let g: Option<&'a [Stored]> = match &tab.store {
            Store::Hash(h) => h.get(k, kp).map(|g| g.as_slice()),
            Store::Ord(o) => o.get(k, kp, atoms).map(core::slice::from_ref),
        };
        return Box::new(g.into_iter());
    }
    match &tab.store {
        Store::Hash(h) => match after {
            None => Box::new(h.groups().map(|g| g.as_slice())),
            Some(k) => match h.groups_after(k, kp, false) {
                Some(it) => Box::new(it.map(|g| g.as_slice())),
                None => Box::new(core::iter::empty()),
            },
        },
        Store::Ord(o) => {
            let start = match (after, reverse) {
                (None, false) => o.first_pos(),
                (None, true) => o.last_pos(),
                (Some(k), false) => o.pos_after(k, kp, atoms),
                (Some(k), true) => o.pos_before(k, kp, atoms),
            };
            let it = core::iter::successors(start, move |p| {
                if reverse {
                    o.prev_pos(*p)
                } else {
                    o.next_pos(*p)
                }
            });
            Box::new(it.map(move |p| core::slice::from_ref(o.at(p).unwrap())))
        }
    }
}

/// Scratch words after which a runner starts over (its old results are copied out by then).
const SCRATCH_LIMIT: usize = 1 << 16;

/// What a pass over the table collected.
struct Pass {
    results: Vec<Term>,
    /// The key of the last group visited (in the table's storage).
    last: Option<Term>,
    /// The pass reached the end of the table.
    exhausted: bool,
}

/// Runs `ms` over the table, copying results onto the caller's heap; stops after the group
/// that brings the results to `limit`.
fn run_select(
    ctx: &mut Ctx,
    tab: &Table,
    ms: &MatchSpec,
    reverse: bool,
    after: Option<Term>,
    limit: Option<usize>,
) -> Pass {
    let bound = ms.bound_key(tab.keypos, ctx.vm);
    let it = groups(tab, after, reverse, bound, &ctx.vm.atoms);
    let mut r = Runner::new();
    let mut pass = Pass {
        results: Vec::new(),
        last: None,
        exhausted: true,
    };
    for g in it {
        for o in g {
            if let Some(v) = ms.run(o.term, ctx, &mut r) {
                pass.results.push(copy::copy_term(v, &mut ctx.proc.heap));
            }
        }
        if r.scratch.words() > SCRATCH_LIMIT {
            r = Runner::new();
        }
        pass.last = Some(g[0].key(tab.keypos));
        if let Some(n) = limit {
            if pass.results.len() >= n {
                pass.exhausted = false;
                break;
            }
        }
    }
    pass
}

fn select_all(ctx: &mut Ctx, t: Term, ms: Term, reverse: bool) -> BifResult {
    with_table(ctx, t, Need::Read, |ctx, tab| {
        let ms = compile(ctx, ms)?;
        let reverse = reverse && tab.kind == Kind::OrderedSet;
        let pass = run_select(ctx, tab, &ms, reverse, None, None);
        Ok(build::list(&mut ctx.proc.heap, &pass.results))
    })
}

fn arg_limit(t: Term) -> Result<usize, Exception> {
    match t.as_small() {
        Some(n) if n > 0 => Ok(n as usize),
        _ => Err(Exception::badarg()),
    }
}

/// One chunk of a `select/3`-style call, from the start or after `after`.
fn select_chunk(
    ctx: &mut Ctx,
    t: Term,
    ms_src: Term,
    limit: usize,
    reverse: bool,
    after: Option<Term>,
) -> BifResult {
    with_table(ctx, t, Need::Read, |ctx, tab| {
        let ms = compile(ctx, ms_src)?;
        let rev = reverse && tab.kind == Kind::OrderedSet;
        let pass = run_select(ctx, tab, &ms, rev, after, Some(limit));
        let h = &mut ctx.proc.heap;
        let list = build::list(h, &pass.results);
        if pass.exhausted {
            if pass.results.is_empty() {
                return Ok(eot(ctx));
            }
            let e = eot(ctx);
            return Ok(build::tuple(&mut ctx.proc.heap, &[list, e]));
        }
        let last = copy::copy_term(pass.last.unwrap_or(Term::NIL), h);
        let tid = build::local_ref(h, tab.tid);
        let cont = build::tuple(
            h,
            &[
                tid,
                last,
                Term::small(limit as i64),
                ms_src,
                Term::bool(reverse),
            ],
        );
        Ok(build::tuple(h, &[list, cont]))
    })
}

/// `ets:select(Tab, MatchSpec)`.
pub fn select_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    select_all(ctx, a[0], a[1], false)
}

/// `ets:select_reverse(Tab, MatchSpec)`.
pub fn select_reverse_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    select_all(ctx, a[0], a[1], true)
}

/// `ets:select(Tab, MatchSpec, Limit)`.
pub fn select_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let limit = arg_limit(a[2])?;
    select_chunk(ctx, a[0], a[1], limit, false, None)
}

/// `ets:select_reverse(Tab, MatchSpec, Limit)`.
pub fn select_reverse_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let limit = arg_limit(a[2])?;
    select_chunk(ctx, a[0], a[1], limit, true, None)
}

/// `ets:select(Continuation)` (also `select_reverse/1`, `match/1`, `match_object/1`).
pub fn select_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let c = a[0];
    if c.is_atom() && ctx.vm.atoms.name(c) == "$end_of_table" {
        return Ok(c);
    }
    let Some(&[tid, last, limit, ms, rev]) = c.tuple() else {
        return Err(Exception::badarg());
    };
    match tid.ref_numbers() {
        Some(n) if n[2] == TID_MARK => {}
        _ => return Err(Exception::badarg()),
    }
    let limit = arg_limit(limit)?;
    let reverse = match rev {
        atom::TRUE => true,
        atom::FALSE => false,
        _ => return Err(Exception::badarg()),
    };
    select_chunk(ctx, tid, ms, limit, reverse, Some(last))
}

/// `[{Pattern, [], [Body]}]` on the caller's heap.
fn pattern_ms(ctx: &mut Ctx, pattern: Term, body: &str) -> Term {
    let b = ctx.vm.atoms.intern(body);
    let h = &mut ctx.proc.heap;
    let bl = build::list(h, &[b]);
    let clause = build::tuple(h, &[pattern, Term::NIL, bl]);
    build::list(h, &[clause])
}

/// `ets:match(Tab, Pattern)`.
pub fn match_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let ms = pattern_ms(ctx, a[1], "$$");
    select_all(ctx, a[0], ms, false)
}

/// `ets:match(Tab, Pattern, Limit)`.
pub fn match_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let limit = arg_limit(a[2])?;
    let ms = pattern_ms(ctx, a[1], "$$");
    select_chunk(ctx, a[0], ms, limit, false, None)
}

/// `ets:match_object(Tab, Pattern)`.
pub fn match_object_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let ms = pattern_ms(ctx, a[1], "$_");
    select_all(ctx, a[0], ms, false)
}

/// `ets:match_object(Tab, Pattern, Limit)`.
pub fn match_object_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let limit = arg_limit(a[2])?;
    let ms = pattern_ms(ctx, a[1], "$_");
    select_chunk(ctx, a[0], ms, limit, false, None)
}

/// `ets:select_count(Tab, MatchSpec)`: objects whose body returns `true`.
pub fn select_count_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Read, |ctx, tab| {
        let ms = compile(ctx, a[1])?;
        let bound = ms.bound_key(tab.keypos, ctx.vm);
        let mut r = Runner::new();
        let mut n: u64 = 0;
        for g in groups(tab, None, false, bound, &ctx.vm.atoms) {
            for o in g {
                if ms.run(o.term, ctx, &mut r) == Some(atom::TRUE) {
                    n += 1;
                }
            }
            if r.scratch.words() > SCRATCH_LIMIT {
                r = Runner::new();
            }
        }
        Ok(build::uint(&mut ctx.proc.heap, n))
    })
}

/// `ets:internal_select_delete(Tab, MatchSpec)` (behind `select_delete/2`): deletes the
/// objects whose body returns `true`; returns how many.
pub fn internal_select_delete_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Write, |ctx, tab| {
        let ms = compile(ctx, a[1])?;
        let kp = tab.keypos;
        let bound = ms.bound_key(kp, ctx.vm);
        let mut r = Runner::new();
        let mut doomed = |o: &Stored, ctx: &mut Ctx| {
            if r.scratch.words() > SCRATCH_LIMIT {
                r = Runner::new();
            }
            ms.run(o.term, ctx, &mut r) == Some(atom::TRUE)
        };
        let gone = match &mut tab.store {
            Store::Hash(h) => match bound {
                Some(k) => h.retain_key(k, kp, |o| !doomed(o, ctx)),
                None => h.retain_all(|o| !doomed(o, ctx)),
            },
            Store::Ord(s) => match bound {
                Some(k) => match s.find(k, kp, &ctx.vm.atoms) {
                    Ok(p) => {
                        if doomed(s.at(p).unwrap(), ctx) {
                            s.remove_at(p);
                            1
                        } else {
                            0
                        }
                    }
                    Err(_) => 0,
                },
                None => s.retain_all(|o| !doomed(o, ctx)),
            },
        };
        Ok(build::uint(&mut ctx.proc.heap, gone as u64))
    })
}

/// `ets:select_replace(Tab, MatchSpec)`: replaces matching objects by the body's value, which
/// must keep the key.
pub fn select_replace_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    with_table(ctx, a[0], Need::Write, |ctx, tab| {
        if !matches!(tab.kind, Kind::Set | Kind::OrderedSet) {
            return Err(badarg_cause(ctx, "table_type"));
        }
        let ms = compile(ctx, a[1])?;
        let kp = tab.keypos;
        if !ms.sources().all(|(h, b)| keeps_key(kp, h, b, ctx.vm)) {
            return Err(Exception::badarg());
        }
        let bound = ms.bound_key(kp, ctx.vm);
        let mut r = Runner::new();
        let mut news: Vec<Stored> = Vec::new();
        for g in groups(tab, None, false, bound, &ctx.vm.atoms) {
            for o in g {
                let Some(v) = ms.run(o.term, ctx, &mut r) else {
                    continue;
                };
                match v.tuple() {
                    Some(e) if e.len() >= kp && exact_eq(e[kp - 1], o.key(kp)) => {
                        news.push(Stored::new(v));
                    }
                    _ => {}
                }
            }
            if r.scratch.words() > SCRATCH_LIMIT {
                r = Runner::new();
            }
        }
        let n = news.len();
        for new in news {
            match &mut tab.store {
                Store::Hash(h) => h.put_set(new, kp),
                Store::Ord(o) => o.put(new, kp, &ctx.vm.atoms),
            }
        }
        Ok(build::uint(&mut ctx.proc.heap, n as u64))
    })
}

/// `ets:match_spec_compile(MatchSpec)`: a reference standing for the compiled specification.
pub fn match_spec_compile_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let src = Stored::new(a[0]);
    let ms = matchspec::compile(src.term, ctx.vm).map_err(|_| Exception::badarg())?;
    let mut id = ctx.vm.make_ref_numbers();
    id[2] = MS_MARK;
    ctx.vm
        .ets
        .compiled
        .insert(id, Box::new(CompiledMs { _src: src, ms }));
    Ok(build::local_ref(&mut ctx.proc.heap, id))
}

fn compiled_id(ctx: &Ctx, t: Term) -> Option<[u32; 3]> {
    let id = t.ref_numbers()?;
    (id[2] == MS_MARK && ctx.vm.ets.compiled.contains_key(&id)).then_some(id)
}

/// `ets:is_compiled_ms(Term)`.
pub fn is_compiled_ms_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    Ok(Term::bool(compiled_id(ctx, a[0]).is_some()))
}

/// `ets:match_spec_run_r(List, CompiledMatchSpec, Acc)`: the results for the elements of
/// `List` that match, consed in front of `Acc` (so in reverse order).
pub fn match_spec_run_r_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let id = compiled_id(ctx, a[1]).ok_or_else(Exception::badarg)?;
    let items = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    let cms = ctx.vm.ets.compiled.remove(&id).unwrap();
    let mut r = Runner::new();
    let mut acc = a[2];
    for x in items {
        if let Some(v) = cms.ms.run(x, ctx, &mut r) {
            let v = copy::copy_term(v, &mut ctx.proc.heap);
            acc = build::cons(&mut ctx.proc.heap, v, acc);
        }
    }
    ctx.vm.ets.compiled.insert(id, cms);
    Ok(acc)
}

/// `erlang:match_spec_test(Term, MatchSpec, table)`: `{ok, Result, [], []}` or
/// `{error, [{error, Text}]}`. The `trace` dialect is not there (`undef`).
pub fn match_spec_test_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    if !a[2].is_atom() {
        return Err(Exception::badarg());
    }
    match ctx.vm.atoms.name(a[2]) {
        "table" => {}
        "trace" => return Err(Exception::undef()),
        _ => return Err(Exception::badarg()),
    }
    match matchspec::compile(a[1], ctx.vm) {
        Err(errors) => {
            let h = &mut ctx.proc.heap;
            let es: Vec<Term> = errors
                .iter()
                .map(|e| {
                    let s = build::charlist(h, e);
                    build::tuple(h, &[atom::ERROR, s])
                })
                .collect();
            let l = build::list(h, &es);
            Ok(build::tuple(h, &[atom::ERROR, l]))
        }
        Ok(ms) => {
            let mut r = Runner::new();
            let v = match ms.run(a[0], ctx, &mut r) {
                Some(v) => copy::copy_term(v, &mut ctx.proc.heap),
                None => atom::FALSE,
            };
            let h = &mut ctx.proc.heap;
            Ok(build::tuple(h, &[atom::OK, v, Term::NIL, Term::NIL]))
        }
    }
}

/// True when a clause provably keeps the object's key (ERTS's `db_match_keeps_key`, which
/// `select_replace/2` requires of every clause).
fn keeps_key(keypos: usize, head: Term, body: Term, sh: &Shared) -> bool {
    let Some(items) = body.list_to_vec() else {
        return false;
    };
    if items.len() != 1 {
        return false;
    }
    let single = items[0];
    if atom_is(single, "$_", sh) {
        return true;
    }
    let Some(st) = single.tuple() else {
        return false;
    };
    let Some(&match_key) = head.tuple().and_then(|h| h.get(keypos - 1)) else {
        return false;
    };
    let (sub, const_mode) = if st.len() == 2 && atom_is(st[0], "const", sh) {
        (st[1], true)
    } else if st.len() == 1 {
        (st[0], false)
    } else {
        return false;
    };
    let Some(&sub_key) = sub.tuple().and_then(|s| s.get(keypos - 1)) else {
        return false;
    };
    if eq_body(match_key, sub_key, const_mode, sh) {
        return true;
    }
    if const_mode {
        return false;
    }
    matches!(sub_key.tuple(), Some(&[f, p, w])
        if atom_is(f, "element", sh) && p == Term::small(keypos as i64) && atom_is(w, "$_", sh))
}

/// ERTS's `db_match_eq_body`: does constructing `b` always give what `a` matched?
fn eq_body(a: Term, b: Term, const_mode: bool, sh: &Shared) -> bool {
    let mut work: Vec<(Term, Term, bool)> = alloc::vec![(a, b, const_mode)];
    while let Some((a, mut b, cm)) = work.pop() {
        if let Some((bh, bt)) = b.cons() {
            let Some((ah, at)) = a.cons() else {
                return false;
            };
            work.push((at, bt, cm));
            work.push((ah, bh, cm));
            continue;
        }
        if let Some(mut bp) = b.tuple() {
            if !cm {
                if bp.len() == 1 && bp[0].is_tuple() {
                    b = bp[0];
                    bp = b.tuple().unwrap();
                } else if bp.len() == 2 && atom_is(bp[0], "const", sh) {
                    work.push((a, bp[1], true));
                    continue;
                } else {
                    return false;
                }
            }
            let Some(ap) = a.tuple() else {
                return false;
            };
            if ap.len() != bp.len() {
                return false;
            }
            for (x, y) in ap.iter().zip(bp.iter()) {
                work.push((*x, *y, cm));
            }
            continue;
        }
        if map::is_map(b) {
            return false;
        }
        if b.is_immediate() {
            if a != b
                || atom_is(b, "_", sh)
                || atom_is(b, "$$", sh)
                || atom_is(b, "$_", sh)
                || (cm && var_number(b, sh).is_some())
            {
                return false;
            }
        } else if !exact_eq(a, b) {
            return false;
        }
    }
    true
}
