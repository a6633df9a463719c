//! Match specifications: compiling `[{Head, Guards, Body}]` (the `table` dialect of ERTS's
//! `erl_db_util.c`) and running them against a term.
//!
//! Heads are patterns: `'$N'` variables (bound at their first occurrence, compared `=:=` at the
//! next), `'_'`, nested tuples, lists and maps (literal keys), and constants compared exactly.
//! Guards and bodies are expressions: variables, `'$_'`, `'$$'`, constants, `{const, T}`,
//! `{{...}}` tuple construction, lists, maps, calls of the guard functions ERTS allows (run by
//! the VM's own `erlang` natives) and the special forms `and`, `or`, `andalso`, `orelse`, `self`.
//!
//! A guard that raises or does not return `true` makes its clause fail (the next clause is
//! tried); in a body a failing call evaluates to `'EXIT'` instead, as in ERTS.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::atom;
use crate::bif::{BifFn, Ctx};
use crate::heap::{build, Arena};
use crate::term::display::display;
use crate::term::map;
use crate::term::order::exact_eq;
use crate::term::{Subtag, Term};
use crate::vm::Shared;

/// A head pattern.
enum Pat {
    Skip,
    Bind(usize),
    Cmp(usize),
    Eq(Term),
    Tuple(Vec<Pat>),
    Cons(Box<Pat>, Box<Pat>),
    Map(Vec<(Term, Pat)>),
}

/// A guard or body expression.
enum Expr {
    Const(Term),
    Var(usize),
    Whole,
    AllVars,
    Tuple(Vec<Expr>),
    Cons(Box<Expr>, Box<Expr>),
    Map(Vec<(Expr, Expr)>),
    Call(BifFn, Vec<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    AndAlso(Vec<Expr>),
    OrElse(Vec<Expr>),
    SelfPid,
}

struct Clause {
    head: Pat,
    guards: Vec<Expr>,
    body: Vec<Expr>,
    nvars: usize,
    /// The head as written (for the key analysis of `select_replace` and key lookups).
    head_src: Term,
    body_src: Term,
}

/// A compiled match specification. Its terms live wherever the source lives (the caller's
/// heap for a one-shot `select`, a [`super::store::Stored`] for `match_spec_compile/1`).
pub struct MatchSpec {
    clauses: Vec<Clause>,
    /// Constants folded at compile time (`[{const, 1}]` is the list `[1]`).
    _consts: Arena,
}

/// The guard functions of the `table` dialect (name, arity), run by the `erlang` natives.
pub(super) const GUARD_FNS: &[(&str, usize)] = &[
    ("is_atom", 1),
    ("is_float", 1),
    ("is_integer", 1),
    ("is_list", 1),
    ("is_number", 1),
    ("is_pid", 1),
    ("is_port", 1),
    ("is_reference", 1),
    ("is_tuple", 1),
    ("is_map", 1),
    ("is_map_key", 2),
    ("is_binary", 1),
    ("is_function", 1),
    ("is_record", 3),
    ("abs", 1),
    ("element", 2),
    ("hd", 1),
    ("length", 1),
    ("map_get", 2),
    ("map_size", 1),
    ("node", 0),
    ("node", 1),
    ("round", 1),
    ("size", 1),
    ("bit_size", 1),
    ("byte_size", 1),
    ("tl", 1),
    ("trunc", 1),
    ("binary_part", 2),
    ("binary_part", 3),
    ("float", 1),
    ("+", 1),
    ("-", 1),
    ("+", 2),
    ("-", 2),
    ("*", 2),
    ("/", 2),
    ("div", 2),
    ("rem", 2),
    ("band", 2),
    ("bor", 2),
    ("bxor", 2),
    ("bnot", 1),
    ("bsl", 2),
    ("bsr", 2),
    (">", 2),
    (">=", 2),
    ("<", 2),
    ("=<", 2),
    ("=:=", 2),
    ("==", 2),
    ("=/=", 2),
    ("/=", 2),
    ("not", 1),
    ("xor", 2),
];

/// Functions that exist only in the `trace` dialect.
const TRACE_FNS: &[(&str, usize)] = &[("get_tcw", 0), ("set_tcw", 1), ("set_tcw_fake", 1)];

/// Special forms of the `trace` dialect (an error here).
const TRACE_FORMS: &[&str] = &[
    "message",
    "is_seq_trace",
    "set_seq_token",
    "get_seq_token",
    "return_trace",
    "exception_trace",
    "display",
    "process_dump",
    "enable_trace",
    "disable_trace",
    "trace",
    "caller",
    "silent",
];

/// `'$N'` → `Some(N)` (ERTS's `db_is_variable`: no leading zeros except `'$0'`).
pub fn var_number(t: Term, sh: &Shared) -> Option<u64> {
    if !t.is_atom() {
        return None;
    }
    let b = sh.atoms.name(t).as_bytes();
    if b.len() < 2 || b[0] != b'$' {
        return None;
    }
    let d = &b[1..];
    if d[0] == b'0' {
        return if d.len() == 1 { Some(0) } else { None };
    }
    let mut n: u64 = 0;
    for &c in d {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add((c - b'0') as u64)?;
    }
    Some(n)
}

pub fn atom_is(t: Term, name: &str, sh: &Shared) -> bool {
    t.is_atom() && sh.atoms.name(t) == name
}

/// True when `t` contains a variable or `'_'` (ERTS's `db_has_variable`).
pub fn has_variable(t: Term, sh: &Shared) -> bool {
    let mut found = false;
    walk(t, true, &mut |t| {
        if t.is_atom() && (atom_is(t, "_", sh) || var_number(t, sh).is_some()) {
            found = true;
        }
        !found
    });
    found
}

/// The variable numbers a head mentions.
fn collect_vars(t: Term, sh: &Shared, out: &mut Vec<u64>) {
    walk(t, false, &mut |t| match var_number(t, sh) {
        Some(n) => {
            out.push(n);
            false
        }
        None => true,
    });
}

/// Visits `t` and its subterms (list cells, tuple elements, map values and, with `keys`, map
/// keys); when `visit` returns false for a term, that term's subterms are skipped.
fn walk(t: Term, keys: bool, visit: &mut dyn FnMut(Term) -> bool) {
    let mut work = alloc::vec![t];
    while let Some(t) = work.pop() {
        if !visit(t) {
            continue;
        }
        if let Some((h, tl)) = t.cons() {
            work.push(h);
            work.push(tl);
        } else if let Some(e) = t.tuple() {
            work.extend_from_slice(e);
        } else if map::is_map(t) {
            for (k, v) in map::storage_pairs(t) {
                if keys {
                    work.push(k);
                }
                work.push(v);
            }
        }
    }
}

/// The state of one compilation: the variables of the clause's head (sorted: slot `i` holds
/// the `i`-th smallest variable number, which is also the order `'$$'` lists them in), the
/// errors found so far (ERTS's texts, in ERTS's order), and the constants folded on the way.
struct Compiler<'a> {
    sh: &'a Shared,
    vars: Vec<u64>,
    errors: Vec<String>,
    consts: Arena,
}

/// The value of a constant expression.
fn konst(e: &Expr) -> Option<Term> {
    match e {
        Expr::Const(t) => Some(*t),
        _ => None,
    }
}

impl MatchSpec {
    /// The specification `[]`: matches nothing.
    pub fn empty() -> MatchSpec {
        MatchSpec {
            clauses: Vec::new(),
            _consts: Arena::with_capacity(1),
        }
    }
}

/// Compiles `[{Head, Guards, Body}, ...]`; on failure, the error texts ERTS's
/// `ets:test_ms/2` reports. The compiled form refers to `ms`'s terms: it must not outlive them.
pub fn compile(ms: Term, sh: &Shared) -> Result<MatchSpec, Vec<String>> {
    let mut c = Compiler {
        sh,
        vars: Vec::new(),
        errors: Vec::new(),
        consts: Arena::with_capacity(16),
    };
    if !ms.is_list() {
        return Err(alloc::vec![String::from(
            "Match programs are not in a list."
        )]);
    }
    let mut it = ms.list_iter();
    let parts: Vec<Term> = it.by_ref().collect();
    if !it.tail().is_nil() {
        return Err(alloc::vec![String::from(
            "Match programs are not in a proper list."
        )]);
    }
    let mut clauses = Vec::with_capacity(parts.len());
    for part in parts {
        let Some(&[head, guards, body]) = part.tuple() else {
            return Err(alloc::vec![String::from(
                "Match program part is not a tuple of arity 3."
            )]);
        };
        c.vars.clear();
        collect_vars(head, sh, &mut c.vars);
        c.vars.sort_unstable();
        c.vars.dedup();
        let mut bound = alloc::vec![false; c.vars.len()];
        let Ok(pat) = c.pattern(head, &mut bound) else {
            break;
        };
        let gs = c.expr_list(guards);
        let bs = if body.is_nil() || !body.is_list() {
            c.errors
                .push(String::from("Body clause does not return anything."));
            Vec::new()
        } else {
            c.expr_list(body)
        };
        clauses.push(Clause {
            head: pat,
            guards: gs,
            body: bs,
            nvars: c.vars.len(),
            head_src: head,
            body_src: body,
        });
    }
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    Ok(MatchSpec {
        clauses,
        _consts: c.consts,
    })
}

impl Compiler<'_> {
    fn slot(&self, n: u64) -> Option<usize> {
        self.vars.binary_search(&n).ok()
    }

    fn pattern(&mut self, t: Term, bound: &mut [bool]) -> Result<Pat, ()> {
        if let Some(n) = var_number(t, self.sh) {
            let i = self.slot(n).ok_or(())?;
            if bound[i] {
                return Ok(Pat::Cmp(i));
            }
            bound[i] = true;
            return Ok(Pat::Bind(i));
        }
        if atom_is(t, "_", self.sh) {
            return Ok(Pat::Skip);
        }
        if let Some((h, tl)) = t.cons() {
            let ph = self.pattern(h, bound)?;
            let pt = self.pattern(tl, bound)?;
            return Ok(Pat::Cons(Box::new(ph), Box::new(pt)));
        }
        if let Some(e) = t.tuple() {
            let mut ps = Vec::with_capacity(e.len());
            for x in e {
                ps.push(self.pattern(*x, bound)?);
            }
            return Ok(Pat::Tuple(ps));
        }
        if map::is_map(t) {
            let mut ps = Vec::new();
            for (k, v) in map::storage_pairs(t) {
                if var_number(k, self.sh).is_some() {
                    self.errors.push(String::from("Variable found in map key."));
                    return Err(());
                }
                if atom_is(k, "_", self.sh) {
                    self.errors
                        .push(String::from("Underscore found in map key."));
                    return Err(());
                }
                ps.push((k, self.pattern(v, bound)?));
            }
            return Ok(Pat::Map(ps));
        }
        Ok(Pat::Eq(t))
    }

    fn expr_list(&mut self, l: Term) -> Vec<Expr> {
        let mut out = Vec::new();
        if l.is_nil() {
            return out;
        }
        if !l.is_list() {
            self.errors
                .push(String::from("Match expression is not a list."));
            return out;
        }
        let mut it = l.list_iter();
        for e in it.by_ref() {
            out.push(self.expr(e));
        }
        if !it.tail().is_nil() {
            self.errors
                .push(String::from("Match expression is not a proper list."));
        }
        out
    }

    fn err_term(&mut self, text: &str, t: Term) -> Expr {
        let shown = display(t, self.sh);
        self.errors.push(text.replace("%T", &shown));
        Expr::Const(atom::FALSE)
    }

    /// Compiles the elements of `es` last to first (the order ERTS reports errors in).
    fn exprs_rev(&mut self, es: &[Term]) -> Vec<Expr> {
        let mut v: Vec<Expr> = es.iter().rev().map(|e| self.expr(*e)).collect();
        v.reverse();
        v
    }

    fn expr(&mut self, t: Term) -> Expr {
        let sh = self.sh;
        if t.is_atom() {
            if let Some(n) = var_number(t, sh) {
                return match self.slot(n) {
                    Some(i) => Expr::Var(i),
                    None => {
                        self.errors.push(format!("Variable ${n} is unbound."));
                        Expr::Const(atom::FALSE)
                    }
                };
            }
            if atom_is(t, "$_", sh) {
                return Expr::Whole;
            }
            if atom_is(t, "$$", sh) {
                return Expr::AllVars;
            }
            return Expr::Const(t);
        }
        if let Some((h, tl)) = t.cons() {
            let eh = self.expr(h);
            let et = self.expr(tl);
            if let (Expr::Const(a), Expr::Const(b)) = (&eh, &et) {
                if *a == h && *b == tl {
                    return Expr::Const(t);
                }
                return Expr::Const(build::cons(&mut self.consts, *a, *b));
            }
            return Expr::Cons(Box::new(eh), Box::new(et));
        }
        if map::is_map(t) {
            let pairs = map::storage_pairs(t);
            let mut es: Vec<(Expr, Expr)> = pairs
                .iter()
                .rev()
                .map(|(k, v)| (self.expr(*k), self.expr(*v)))
                .collect();
            es.reverse();
            let folded: Option<Vec<(Term, Term)>> = es
                .iter()
                .map(|(k, v)| Some((konst(k)?, konst(v)?)))
                .collect();
            if let Some(f) = folded {
                if f.iter().zip(pairs.iter()).all(|(x, y)| x == y) {
                    return Expr::Const(t);
                }
                return Expr::Const(map::from_pairs(&f, &mut self.consts, &sh.atoms));
            }
            return Expr::Map(es);
        }
        let Some(e) = t.tuple() else {
            return Expr::Const(t);
        };
        if e.len() == 1 && e[0].is_tuple() {
            let inner = e[0].tuple().unwrap();
            let es = self.exprs_rev(inner);
            let folded: Option<Vec<Term>> = es.iter().map(konst).collect();
            if let Some(f) = folded {
                if f.as_slice() == inner {
                    return Expr::Const(e[0]);
                }
                return Expr::Const(build::tuple(&mut self.consts, &f));
            }
            return Expr::Tuple(es);
        }
        if e.is_empty() || !e[0].is_atom() || var_number(e[0], sh).is_some() {
            return self.err_term(
                "%T is neither a function call, nor a tuple (tuples are written {{ ... }}).",
                t,
            );
        }
        let name = sh.atoms.name(e[0]);
        let args = &e[1..];
        match name {
            "const" => {
                if e.len() != 2 {
                    return self.err_term(
                        "Special form 'const' called with more than one argument in %T.",
                        t,
                    );
                }
                return Expr::Const(e[1]);
            }
            "and" | "or" | "andalso" | "andthen" | "orelse" => {
                if args.is_empty() {
                    let form = if name == "andthen" { "andalso" } else { name };
                    return self.err_term(
                        &format!("Special form '{form}' called without arguments in %T."),
                        t,
                    );
                }
                return match name {
                    "and" => Expr::And(self.exprs_rev(args)),
                    "or" => Expr::Or(self.exprs_rev(args)),
                    "orelse" => Expr::OrElse(args.iter().map(|a| self.expr(*a)).collect()),
                    _ => Expr::AndAlso(args.iter().map(|a| self.expr(*a)).collect()),
                };
            }
            "self" => {
                if !args.is_empty() {
                    return self.err_term("Special form 'self' called with arguments in %T.", t);
                }
                return Expr::SelfPid;
            }
            _ => {}
        }
        if TRACE_FORMS.contains(&name) {
            let op = if name == "set_seq_token" {
                "set_seq_trace"
            } else {
                name
            };
            self.errors
                .push(format!("Special form '{op}' used in wrong dialect."));
            return Expr::Const(atom::FALSE);
        }
        let arity = args.len();
        let shown = display(e[0], sh);
        if TRACE_FNS.contains(&(name, arity)) {
            self.errors.push(format!(
                "Function {shown}/{arity} cannot be called in this context."
            ));
            return Expr::Const(atom::FALSE);
        }
        let f = if GUARD_FNS.contains(&(name, arity)) {
            sh.bif_for(atom::ERLANG, e[0], arity as u32)
                .map(|id| sh.bif(id).f)
        } else {
            None
        };
        let Some(f) = f else {
            self.errors
                .push(format!("Function {shown}/{arity} does_not_exist."));
            return Expr::Const(atom::FALSE);
        };
        Expr::Call(f, self.exprs_rev(args))
    }
}

/// Reusable state for running a match specification many times.
pub struct Runner {
    vars: Vec<Term>,
    /// Where bodies build their tuples, lists and maps (copied out by the caller).
    pub scratch: Arena,
}

impl Runner {
    pub fn new() -> Runner {
        Runner {
            vars: Vec::new(),
            scratch: Arena::with_capacity(256),
        }
    }
}

impl Default for Runner {
    fn default() -> Self {
        Self::new()
    }
}

impl MatchSpec {
    /// Runs the specification on `obj`: the body's value of the first clause that matches.
    /// The value may point into `obj`, into the specification's constants or into the
    /// runner's scratch area: copy it before keeping it.
    pub fn run(&self, obj: Term, ctx: &mut Ctx, r: &mut Runner) -> Option<Term> {
        for c in &self.clauses {
            r.vars.clear();
            r.vars.resize(c.nvars, Term::NIL);
            if !match_pat(&c.head, obj, &mut r.vars, &ctx.vm.atoms) {
                continue;
            }
            let mut ok = true;
            for g in &c.guards {
                match eval(g, obj, ctx, r, true) {
                    Ok(v) if v == atom::TRUE => {}
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if !ok {
                continue;
            }
            let mut res = atom::TRUE;
            for b in &c.body {
                res = eval(b, obj, ctx, r, false).unwrap_or(atom::EXIT_UPPER);
            }
            return Some(res);
        }
        None
    }

    /// The key every clause's head fixes (a ground term at `keypos`), when they all fix the
    /// same one: only objects with that key can match.
    pub fn bound_key(&self, keypos: usize, sh: &Shared) -> Option<Term> {
        let mut key: Option<Term> = None;
        for c in &self.clauses {
            let k = *c.head_src.tuple()?.get(keypos - 1)?;
            if has_variable(k, sh) {
                return None;
            }
            match key {
                None => key = Some(k),
                Some(prev) if exact_eq(prev, k) => {}
                Some(_) => return None,
            }
        }
        key
    }

    /// Each clause's head and body as written.
    pub fn sources(&self) -> impl Iterator<Item = (Term, Term)> + '_ {
        self.clauses.iter().map(|c| (c.head_src, c.body_src))
    }
}

fn match_pat(p: &Pat, t: Term, vars: &mut [Term], atoms: &crate::atom::AtomTable) -> bool {
    match p {
        Pat::Skip => true,
        Pat::Bind(i) => {
            vars[*i] = t;
            true
        }
        Pat::Cmp(i) => exact_eq(vars[*i], t),
        Pat::Eq(c) => {
            if c.is_immediate() {
                *c == t
            } else if let (Some(x), Some(y)) = (c.as_float(), t.as_float()) {
                x.to_bits() == y.to_bits()
            } else {
                c.subtag() != Some(Subtag::Float) && exact_eq(*c, t)
            }
        }
        Pat::Tuple(ps) => match t.tuple() {
            Some(e) if e.len() == ps.len() => ps
                .iter()
                .zip(e.iter())
                .all(|(p, x)| match_pat(p, *x, vars, atoms)),
            _ => false,
        },
        Pat::Cons(ph, pt) => match t.cons() {
            Some((h, tl)) => match_pat(ph, h, vars, atoms) && match_pat(pt, tl, vars, atoms),
            None => false,
        },
        Pat::Map(ps) => {
            if !map::is_map(t) || map::size(t) < ps.len() {
                return false;
            }
            ps.iter().all(|(k, p)| match map::get(t, *k, atoms) {
                Some(v) => match_pat(p, v, vars, atoms),
                None => false,
            })
        }
    }
}

/// Evaluates an expression. In a guard (`guard`) a failure is `Err`; in a body it is the
/// value `'EXIT'`.
fn eval(e: &Expr, obj: Term, ctx: &mut Ctx, r: &mut Runner, guard: bool) -> Result<Term, ()> {
    let fail = |guard: bool| {
        if guard {
            Err(())
        } else {
            Ok(atom::EXIT_UPPER)
        }
    };
    Ok(match e {
        Expr::Const(t) => *t,
        Expr::Var(i) => r.vars[*i],
        Expr::Whole => obj,
        Expr::SelfPid => ctx.proc.pid(),
        Expr::AllVars => {
            let vs = r.vars.clone();
            build::list(&mut r.scratch, &vs)
        }
        Expr::Tuple(es) => {
            let mut vs = Vec::with_capacity(es.len());
            for x in es {
                vs.push(eval(x, obj, ctx, r, guard)?);
            }
            build::tuple(&mut r.scratch, &vs)
        }
        Expr::Cons(h, t) => {
            let vh = eval(h, obj, ctx, r, guard)?;
            let vt = eval(t, obj, ctx, r, guard)?;
            build::cons(&mut r.scratch, vh, vt)
        }
        Expr::Map(ps) => {
            let mut vs = Vec::with_capacity(ps.len());
            for (k, v) in ps {
                let vk = eval(k, obj, ctx, r, guard)?;
                let vv = eval(v, obj, ctx, r, guard)?;
                vs.push((vk, vv));
            }
            map::from_pairs(&vs, &mut r.scratch, &ctx.vm.atoms)
        }
        Expr::Call(f, args) => {
            let mut vs = Vec::with_capacity(args.len());
            for x in args {
                vs.push(eval(x, obj, ctx, r, guard)?);
            }
            match f(ctx, &vs) {
                Ok(v) => v,
                Err(_) => {
                    ctx.proc.trap = crate::process::Trap::None;
                    return fail(guard);
                }
            }
        }
        Expr::And(es) | Expr::Or(es) => {
            let is_and = matches!(e, Expr::And(_));
            let mut vs = Vec::with_capacity(es.len());
            for x in es {
                vs.push(eval(x, obj, ctx, r, guard)?);
            }
            if vs.iter().any(|v| !v.is_boolean()) {
                return fail(guard);
            }
            if is_and {
                Term::bool(vs.iter().all(|v| *v == atom::TRUE))
            } else {
                Term::bool(vs.contains(&atom::TRUE))
            }
        }
        Expr::AndAlso(es) | Expr::OrElse(es) => {
            let stop = if matches!(e, Expr::AndAlso(_)) {
                atom::FALSE
            } else {
                atom::TRUE
            };
            let (last, init) = es.split_last().unwrap();
            for x in init {
                let v = eval(x, obj, ctx, r, guard)?;
                if v == stop {
                    return Ok(stop);
                }
                if !v.is_boolean() {
                    return fail(guard);
                }
            }
            eval(last, obj, ctx, r, guard)?
        }
    })
}
