//! ETS: tables of terms shared between processes, owned by a process.
//!
//! [`Tables`] (in `Shared`) holds every table by its id, a reference whose third number is
//! [`TID_MARK`] (so a reference that never named a table is told apart from the id of a deleted
//! one), plus the registry of named tables. Objects live in storage owned by the table
//! (`store`); every native copies what it returns onto the caller's heap.
//!
//! Files: this one (the table registry, `new`, `delete/1`, `info`, ownership, heirs,
//! `setopts`, `rename`, `whereis`, `safe_fixtable`), `ops` (insert, lookup, update, iteration),
//! `select` (select/match and their continuations, match specs as values), `matchspec`
//! (compiling and running match specifications), `store` (per-type storage).

mod matchspec;
mod ops;
mod select;
mod store;

use alloc::boxed::Box;
use alloc::vec::Vec;

use crate::atom;
use crate::bif::{BifEntry, BifResult, Ctx, Exception};
use crate::heap::{build, copy, Arena};
use crate::process::signals;
use crate::process::{Process, RefId};
use crate::term::Term;
use crate::vecmap::VecMap;
use crate::vm::Shared;

use store::{HashStore, OrdStore, Stored};

macro_rules! natives {
    ($($m:expr, $name:expr, $arity:expr => $f:path;)*) => {
        /// The natives of module `ets` (and `erlang:match_spec_test/3`).
        pub const BIFS: &[BifEntry] = &[
            $(BifEntry { module: $m, name: $name, arity: $arity, f: $f },)*
        ];
    };
}

natives! {
    "ets", "new", 2 => new_2;
    "ets", "delete", 1 => delete_1;
    "ets", "whereis", 1 => whereis_1;
    "ets", "rename", 2 => rename_2;
    "ets", "give_away", 3 => give_away_3;
    "ets", "setopts", 2 => setopts_2;
    "ets", "info", 1 => info_1;
    "ets", "info", 2 => info_2;
    "ets", "internal_request_all", 0 => internal_request_all_0;
    "ets", "safe_fixtable", 2 => safe_fixtable_2;
    "ets", "insert", 2 => ops::insert_2;
    "ets", "insert_new", 2 => ops::insert_new_2;
    "ets", "lookup", 2 => ops::lookup_2;
    "ets", "lookup_element", 3 => ops::lookup_element_3;
    "ets", "member", 2 => ops::member_2;
    "ets", "take", 2 => ops::take_2;
    "ets", "delete", 2 => ops::delete_2;
    "ets", "delete_object", 2 => ops::delete_object_2;
    "ets", "internal_delete_all", 2 => ops::internal_delete_all_2;
    "ets", "update_element", 3 => ops::update_element_3;
    "ets", "update_counter", 3 => ops::update_counter_3;
    "ets", "update_counter", 4 => ops::update_counter_4;
    "ets", "first", 1 => ops::first_1;
    "ets", "last", 1 => ops::last_1;
    "ets", "next", 2 => ops::next_2;
    "ets", "prev", 2 => ops::prev_2;
    "ets", "slot", 2 => ops::slot_2;
    "ets", "select", 1 => select::select_1;
    "ets", "select", 2 => select::select_2;
    "ets", "select", 3 => select::select_3;
    "ets", "select_reverse", 1 => select::select_1;
    "ets", "select_reverse", 2 => select::select_reverse_2;
    "ets", "select_reverse", 3 => select::select_reverse_3;
    "ets", "select_count", 2 => select::select_count_2;
    "ets", "internal_select_delete", 2 => select::internal_select_delete_2;
    "ets", "select_replace", 2 => select::select_replace_2;
    "ets", "match", 1 => select::select_1;
    "ets", "match", 2 => select::match_2;
    "ets", "match", 3 => select::match_3;
    "ets", "match_object", 1 => select::select_1;
    "ets", "match_object", 2 => select::match_object_2;
    "ets", "match_object", 3 => select::match_object_3;
    "ets", "match_spec_compile", 1 => select::match_spec_compile_1;
    "ets", "is_compiled_ms", 1 => select::is_compiled_ms_1;
    "ets", "match_spec_run_r", 3 => select::match_spec_run_r_3;
    "erlang", "match_spec_test", 3 => select::match_spec_test_3;
}

/// The third number of every table id (other references have 0 there).
pub const TID_MARK: u32 = 0x4554_5301;
/// The third number of the references `match_spec_compile/1` returns.
pub const MS_MARK: u32 = 0x4d53_0001;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Set,
    OrderedSet,
    Bag,
    DuplicateBag,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Private,
    Protected,
    Public,
}

/// What an operation needs of the caller.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Read,
    Write,
    /// Only the owner (`setopts`, `give_away`).
    Owner,
    /// Nothing (`info`).
    Any,
}

pub enum Store {
    Hash(HashStore),
    Ord(OrdStore),
}

impl Store {
    pub fn len(&self) -> usize {
        match self {
            Store::Hash(h) => h.len,
            Store::Ord(o) => o.len,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn clear(&mut self) -> usize {
        match self {
            Store::Hash(h) => h.clear(),
            Store::Ord(o) => o.clear(),
        }
    }
}

/// One table.
pub struct Table {
    pub tid: RefId,
    pub name: Term,
    pub named: bool,
    pub kind: Kind,
    /// 1-based.
    pub keypos: usize,
    pub access: Access,
    pub owner: Term,
    pub heir: Option<(Term, Stored)>,
    pub read_concurrency: bool,
    /// `true`, `false` or `auto`.
    pub write_concurrency: Term,
    pub decentralized_counters: bool,
    pub compressed: bool,
    pub store: Store,
    /// Processes that fixed the table (`safe_fixtable/2`) and how many times.
    pub fixes: Vec<(Term, usize)>,
    /// `erlang:timestamp()` and `erlang:monotonic_time()` at the first fixation.
    pub fixed_at: Option<(Stored, Stored)>,
}

impl Table {
    /// The id as the table's users see it: the name of a named table, else the reference.
    pub fn id_term(&self, h: &mut impl crate::heap::Alloc) -> Term {
        if self.named {
            self.name
        } else {
            build::local_ref(h, self.tid)
        }
    }
    pub fn allows(&self, caller: Term, need: Need) -> bool {
        match need {
            Need::Any => true,
            Need::Owner => caller == self.owner,
            Need::Read => self.access != Access::Private || caller == self.owner,
            Need::Write => self.access == Access::Public || caller == self.owner,
        }
    }
}

/// The tables by id, in vector-map slots (a `BTreeMap` instantiation costs the wasm build
/// about 7 KB). A BIF that needs a table and the whole context takes the table out of its slot
/// meanwhile (`with_table`); the slot stays, so taking and putting back shift nothing.
#[derive(Default)]
struct Slots(VecMap<RefId, Option<Box<Table>>>);

impl Slots {
    fn get(&self, id: &RefId) -> Option<&Table> {
        self.0.get(id)?.as_deref()
    }
    fn get_mut(&mut self, id: &RefId) -> Option<&mut Table> {
        self.0.get_mut(id)?.as_deref_mut()
    }
    fn contains_key(&self, id: &RefId) -> bool {
        self.get(id).is_some()
    }
    fn insert(&mut self, id: RefId, t: Box<Table>) {
        self.0.insert(id, Some(t));
    }
    fn remove(&mut self, id: &RefId) -> Option<Box<Table>> {
        self.0.remove(id).flatten()
    }
    /// Takes a table out, leaving its slot for [`Slots::put_back`].
    fn take(&mut self, id: &RefId) -> Option<Box<Table>> {
        self.0.get_mut(id)?.take()
    }
    fn put_back(&mut self, id: &RefId, t: Box<Table>) {
        if let Some(slot) = self.0.get_mut(id) {
            *slot = Some(t);
        }
    }
    fn len(&self) -> usize {
        self.0.len()
    }
    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    fn iter(&self) -> impl Iterator<Item = (&RefId, &Table)> {
        self.0
            .iter()
            .filter_map(|(id, t)| Some((id, t.as_deref()?)))
    }
    fn values_mut(&mut self) -> impl Iterator<Item = &mut Table> {
        self.0.values_mut().filter_map(|t| t.as_deref_mut())
    }
}

/// Every ETS table of the VM.
#[derive(Default)]
pub struct Tables {
    tabs: Slots,
    /// Name atom index → id of the named table.
    names: VecMap<u32, RefId>,
    /// Pid → how many tables it owns.
    owners: VecMap<u64, usize>,
    /// Pid → how many fixations it holds.
    fixers: VecMap<u64, usize>,
    /// The match specifications `match_spec_compile/1` made.
    compiled: VecMap<RefId, Box<select::CompiledMs>>,
}

impl Tables {
    fn add_owner(&mut self, pid: Term) {
        *self.owners.get_or_default(pid.raw()) += 1;
    }
    fn drop_owner(&mut self, pid: Term) {
        if let Some(n) = self.owners.get_mut(&pid.raw()) {
            *n -= 1;
            if *n == 0 {
                self.owners.remove(&pid.raw());
            }
        }
    }
    /// Removes a table (its name, its owner count, its fixations).
    fn remove(&mut self, id: RefId) -> Option<Box<Table>> {
        let t = self.tabs.remove(&id)?;
        if t.named {
            self.names.remove(&t.name.atom_index());
        }
        self.drop_owner(t.owner);
        for (p, n) in &t.fixes {
            if let Some(c) = self.fixers.get_mut(&p.raw()) {
                *c = c.saturating_sub(*n);
                if *c == 0 {
                    self.fixers.remove(&p.raw());
                }
            }
        }
        Some(t)
    }
}

/// What a table argument names.
enum Found {
    Table(RefId),
    /// A name with no table, or the id of a deleted table.
    Gone,
    /// Not a table identifier at all.
    Bad,
}

fn resolve(ets: &Tables, t: Term) -> Found {
    if t.is_atom() {
        return match ets.names.get(&t.atom_index()) {
            Some(id) => Found::Table(*id),
            None => Found::Gone,
        };
    }
    match t.ref_numbers() {
        Some(id) if id[2] == TID_MARK => {
            if ets.tabs.contains_key(&id) {
                Found::Table(id)
            } else {
                Found::Gone
            }
        }
        _ => Found::Bad,
    }
}

/// `badarg` with the `cause` ERTS gives in the error info (`erl_stdlib_errors` explains it).
pub(crate) fn badarg_cause(ctx: &mut Ctx, cause: &str) -> Exception {
    let c = ctx.vm.atoms.intern(cause);
    let info = build::flatmap(
        &mut ctx.proc.heap,
        &[atom::CAUSE, atom::MODULE],
        &[c, atom::ERL_STDLIB_ERRORS],
    );
    let mut e = Exception::badarg();
    e.error_info = Some(info);
    e
}

/// The id of the table `t` names, if the caller may do what `need` says with it.
pub(crate) fn table_id(ctx: &mut Ctx, t: Term, need: Need) -> Result<RefId, Exception> {
    let id = match resolve(&ctx.vm.ets, t) {
        Found::Table(id) => id,
        Found::Gone => return Err(badarg_cause(ctx, "id")),
        Found::Bad => return Err(badarg_cause(ctx, "type")),
    };
    // A table out of its slot (in use by `with_table`) is as good as gone.
    match ctx.vm.ets.tabs.get(&id) {
        Some(tab) if tab.allows(ctx.proc.pid(), need) => Ok(id),
        Some(_) => Err(badarg_cause(ctx, "access")),
        None => Err(badarg_cause(ctx, "id")),
    }
}

/// Runs `f` on the table `t` names (taken out of the registry meanwhile, so `f` may use the
/// whole context, e.g. to call guard functions).
pub(crate) fn with_table<R>(
    ctx: &mut Ctx,
    t: Term,
    need: Need,
    f: impl FnOnce(&mut Ctx, &mut Table) -> Result<R, Exception>,
) -> Result<R, Exception> {
    let id = table_id(ctx, t, need)?;
    let mut tab = ctx.vm.ets.tabs.take(&id).expect("resolved table");
    let r = f(ctx, &mut tab);
    ctx.vm.ets.tabs.put_back(&id, tab);
    r
}

fn arg_bool(t: Term) -> Result<bool, Exception> {
    match t {
        atom::TRUE => Ok(true),
        atom::FALSE => Ok(false),
        _ => Err(Exception::badarg()),
    }
}

/// `ets:new(Name, Options)`.
fn new_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let name = a[0];
    if !name.is_atom() {
        return Err(Exception::badarg());
    }
    let opts = a[1].list_to_vec().ok_or_else(Exception::badarg)?;
    let (mut kind, mut access, mut named, mut keypos) = (Kind::Set, Access::Protected, false, 1);
    let mut heir: Option<(Term, Term)> = None;
    let (mut rc, mut wc, mut dc, mut compressed) = (false, atom::FALSE, None, false);
    let auto = ctx.vm.atoms.intern("auto");
    for o in opts {
        if o.is_atom() {
            match ctx.vm.atoms.name(o) {
                "set" => kind = Kind::Set,
                "ordered_set" => kind = Kind::OrderedSet,
                "bag" => kind = Kind::Bag,
                "duplicate_bag" => kind = Kind::DuplicateBag,
                "public" => access = Access::Public,
                "protected" => access = Access::Protected,
                "private" => access = Access::Private,
                "named_table" => named = true,
                "compressed" => compressed = true,
                _ => return Err(Exception::badarg()),
            }
            continue;
        }
        let Some(e) = o.tuple() else {
            return Err(Exception::badarg());
        };
        let key = if e.is_empty() || !e[0].is_atom() {
            ""
        } else {
            ctx.vm.atoms.name(e[0])
        };
        match (key, e.len()) {
            ("keypos", 2) => match e[1].as_small() {
                Some(k) if k >= 1 => keypos = k as usize,
                _ => return Err(Exception::badarg()),
            },
            ("heir", 2) if e[1].is_atom() && ctx.vm.atoms.name(e[1]) == "none" => heir = None,
            ("heir", 3) if e[1].is_local_pid() => heir = Some((e[1], e[2])),
            ("read_concurrency", 2) => rc = arg_bool(e[1])?,
            ("write_concurrency", 2) => {
                if e[1] != auto {
                    arg_bool(e[1])?;
                }
                wc = e[1];
            }
            ("decentralized_counters", 2) => dc = Some(arg_bool(e[1])?),
            _ => return Err(Exception::badarg()),
        }
    }
    if named && ctx.vm.ets.names.contains_key(&name.atom_index()) {
        return Err(badarg_cause(ctx, "already_exists"));
    }
    let wc_on = wc != atom::FALSE;
    let dc = wc_on && dc.unwrap_or(kind == Kind::OrderedSet || wc == auto);
    let mut tid = ctx.vm.make_ref_numbers();
    tid[2] = TID_MARK;
    let owner = ctx.proc.pid();
    let table = Table {
        tid,
        name,
        named,
        kind,
        keypos,
        access,
        owner,
        heir: heir.map(|(p, d)| (p, Stored::new(d))),
        read_concurrency: rc,
        write_concurrency: wc,
        decentralized_counters: dc,
        compressed,
        store: if kind == Kind::OrderedSet {
            Store::Ord(OrdStore::default())
        } else {
            Store::Hash(HashStore::default())
        },
        fixes: Vec::new(),
        fixed_at: None,
    };
    let ets = &mut ctx.vm.ets;
    ets.tabs.insert(tid, Box::new(table));
    if named {
        ets.names.insert(name.atom_index(), tid);
    }
    ets.add_owner(owner);
    Ok(if named {
        name
    } else {
        build::local_ref(&mut ctx.proc.heap, tid)
    })
}

/// `ets:delete(Tab)`.
fn delete_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let id = table_id(ctx, a[0], Need::Write)?;
    ctx.vm.ets.remove(id);
    Ok(atom::TRUE)
}

/// `ets:whereis(Name)`.
fn whereis_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    if !a[0].is_atom() {
        return Err(Exception::badarg());
    }
    match ctx.vm.ets.names.get(&a[0].atom_index()) {
        Some(id) => Ok(build::local_ref(&mut ctx.proc.heap, *id)),
        None => Ok(atom::UNDEFINED),
    }
}

/// `ets:rename(Tab, Name)`.
fn rename_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let id = table_id(ctx, a[0], Need::Write)?;
    let new = a[1];
    if !new.is_atom() {
        return Err(Exception::badarg());
    }
    let ets = &mut ctx.vm.ets;
    let tab = ets.tabs.get_mut(&id).unwrap();
    if tab.named {
        if ets.names.contains_key(&new.atom_index()) {
            return Err(Exception::badarg());
        }
        ets.names.remove(&tab.name.atom_index());
        ets.names.insert(new.atom_index(), id);
        tab.name = new;
        Ok(new)
    } else {
        tab.name = new;
        Ok(build::local_ref(&mut ctx.proc.heap, id))
    }
}

/// Sends `{'ETS-TRANSFER', Tab, From, Data}` built on the caller's heap.
fn send_transfer(ctx: &mut Ctx, to: Term, tab: Term, from: Term, data: Term) {
    let tag = ctx.vm.atoms.intern("ETS-TRANSFER");
    let msg = build::tuple(&mut ctx.proc.heap, &[tag, tab, from, data]);
    signals::send_to_pid(ctx.vm, &mut Some(&mut *ctx.proc), to, msg);
}

/// `ets:give_away(Tab, Pid, GiftData)`.
fn give_away_3(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let id = table_id(ctx, a[0], Need::Owner)?;
    let (to, me) = (a[1], ctx.proc.pid());
    if to == me {
        return Err(badarg_cause(ctx, "owner"));
    }
    if !to.is_local_pid() || !ctx.vm.procs.exists(to) {
        return Err(Exception::badarg());
    }
    let ets = &mut ctx.vm.ets;
    ets.drop_owner(me);
    ets.add_owner(to);
    let tab = ets.tabs.get_mut(&id).unwrap();
    tab.owner = to;
    let tab_term = tab.id_term(&mut ctx.proc.heap);
    send_transfer(ctx, to, tab_term, me, a[2]);
    Ok(atom::TRUE)
}

/// `ets:setopts(Tab, Opts)`: `heir` and `protection`.
fn setopts_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let id = table_id(ctx, a[0], Need::Owner)?;
    let opts = if a[1].is_tuple() {
        alloc::vec![a[1]]
    } else {
        a[1].list_to_vec().ok_or_else(Exception::badarg)?
    };
    let mut heir: Option<Option<(Term, Term)>> = None;
    let mut access = None;
    for o in opts {
        let e = o.tuple().ok_or_else(Exception::badarg)?;
        let key = if !e.is_empty() && e[0].is_atom() {
            ctx.vm.atoms.name(e[0])
        } else {
            ""
        };
        match (key, e.len()) {
            ("heir", 2) if e[1].is_atom() && ctx.vm.atoms.name(e[1]) == "none" => heir = Some(None),
            ("heir", 3) if e[1].is_local_pid() => heir = Some(Some((e[1], e[2]))),
            ("protection", 2) if e[1].is_atom() => {
                access = Some(match ctx.vm.atoms.name(e[1]) {
                    "private" => Access::Private,
                    "protected" => Access::Protected,
                    "public" => Access::Public,
                    _ => return Err(Exception::badarg()),
                })
            }
            _ => return Err(Exception::badarg()),
        }
    }
    let tab = ctx.vm.ets.tabs.get_mut(&id).unwrap();
    if let Some(h) = heir {
        tab.heir = h.map(|(p, d)| (p, Stored::new(d)));
    }
    if let Some(acc) = access {
        tab.access = acc;
    }
    Ok(atom::TRUE)
}

/// The `info` items in the order `ets:info/1` lists them.
const INFO_ITEMS: &[&str] = &[
    "id",
    "decentralized_counters",
    "read_concurrency",
    "write_concurrency",
    "compressed",
    "memory",
    "owner",
    "heir",
    "name",
    "size",
    "node",
    "named_table",
    "type",
    "keypos",
    "protection",
];

fn info_item(ctx: &mut Ctx, tab: &Table, item: &str) -> Option<Term> {
    let h = &mut ctx.proc.heap;
    let atoms = &mut ctx.vm.atoms;
    Some(match item {
        "id" => build::local_ref(h, tab.tid),
        "decentralized_counters" => Term::bool(tab.decentralized_counters),
        "read_concurrency" => Term::bool(tab.read_concurrency),
        "write_concurrency" => tab.write_concurrency,
        "compressed" => Term::bool(tab.compressed),
        "memory" => {
            let words = match &tab.store {
                Store::Hash(s) => 305 + s.words(),
                Store::Ord(s) => 146 + s.words(),
            };
            build::uint(h, words as u64)
        }
        "owner" => tab.owner,
        "heir" => match &tab.heir {
            Some((p, _)) => *p,
            None => atoms.intern("none"),
        },
        "name" => tab.name,
        "size" => build::uint(h, tab.store.len() as u64),
        "node" => ctx.vm.node_name(),
        "named_table" => Term::bool(tab.named),
        "type" => atoms.intern(match tab.kind {
            Kind::Set => "set",
            Kind::OrderedSet => "ordered_set",
            Kind::Bag => "bag",
            Kind::DuplicateBag => "duplicate_bag",
        }),
        "keypos" => Term::small(tab.keypos as i64),
        "protection" => atoms.intern(match tab.access {
            Access::Private => "private",
            Access::Protected => "protected",
            Access::Public => "public",
        }),
        "fixed" => Term::bool(!tab.fixes.is_empty()),
        "safe_fixed" | "safe_fixed_monotonic_time" => match &tab.fixed_at {
            None => atom::FALSE,
            Some((stamp, mono)) => {
                let t = if item == "safe_fixed" { stamp } else { mono };
                let t = copy::copy_term(t.term, h);
                let mut fl = Vec::with_capacity(tab.fixes.len());
                for (p, n) in tab.fixes.iter().rev() {
                    fl.push(build::tuple(h, &[*p, Term::small(*n as i64)]));
                }
                let l = build::list(h, &fl);
                build::tuple(h, &[t, l])
            }
        },
        _ => return None,
    })
}

/// `ets:info(Tab)`.
fn info_1(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let id = match resolve(&ctx.vm.ets, a[0]) {
        Found::Table(id) => id,
        Found::Gone => return Ok(atom::UNDEFINED),
        Found::Bad => return Err(badarg_cause(ctx, "type")),
    };
    let tab = ctx.vm.ets.tabs.take(&id).unwrap();
    let mut items = Vec::with_capacity(INFO_ITEMS.len());
    for item in INFO_ITEMS {
        let v = info_item(ctx, &tab, item).unwrap();
        let k = ctx.vm.atoms.intern(item);
        items.push(build::tuple(&mut ctx.proc.heap, &[k, v]));
    }
    ctx.vm.ets.tabs.put_back(&id, tab);
    Ok(build::list(&mut ctx.proc.heap, &items))
}

/// `ets:info(Tab, Item)`.
fn info_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let id = match resolve(&ctx.vm.ets, a[0]) {
        Found::Table(id) => id,
        Found::Gone if a[1].is_atom() => return Ok(atom::UNDEFINED),
        Found::Bad => return Err(badarg_cause(ctx, "type")),
        Found::Gone => return Err(Exception::badarg()),
    };
    if !a[1].is_atom() {
        return Err(Exception::badarg());
    }
    let item = alloc::string::String::from(ctx.vm.atoms.name(a[1]));
    let tab = ctx.vm.ets.tabs.take(&id).unwrap();
    let v = info_item(ctx, &tab, &item);
    ctx.vm.ets.tabs.put_back(&id, tab);
    v.ok_or_else(Exception::badarg)
}

/// `ets:internal_request_all()`: sends `{Ref, Tabs}` to the caller (one reply: one scheduler)
/// and returns `Ref`; `ets:all/0` receives it.
fn internal_request_all_0(ctx: &mut Ctx, _: &[Term]) -> BifResult {
    let r = ctx.vm.make_ref_numbers();
    let mut frag = Arena::with_capacity(8 + 5 * ctx.vm.ets.tabs.len());
    let ids: Vec<Term> = ctx
        .vm
        .ets
        .tabs
        .iter()
        .map(|(_, t)| t.id_term(&mut frag))
        .collect();
    let list = build::list(&mut frag, &ids);
    let rf = build::local_ref(&mut frag, r);
    let msg = build::tuple(&mut frag, &[rf, list]);
    let me = ctx.proc.pid();
    signals::deliver(ctx.vm, &mut Some(&mut *ctx.proc), me, msg, Some(frag));
    Ok(build::local_ref(&mut ctx.proc.heap, r))
}

/// Calls an `erlang` native with no arguments (the clocks `safe_fixtable` records).
fn call_erlang_0(ctx: &mut Ctx, name: &str) -> Term {
    let f = ctx.vm.atoms.intern(name);
    match ctx.vm.bif_for(atom::ERLANG, f, 0) {
        Some(id) => {
            let fun = ctx.vm.bif(id).f;
            fun(ctx, &[]).unwrap_or(atom::UNDEFINED)
        }
        None => atom::UNDEFINED,
    }
}

/// `ets:safe_fixtable(Tab, Fix)`.
fn safe_fixtable_2(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let fix = arg_bool(a[1])?;
    let id = table_id(ctx, a[0], Need::Read)?;
    let me = ctx.proc.pid();
    let stamp = if fix && ctx.vm.ets.tabs.get(&id).is_some_and(|t| t.fixes.is_empty()) {
        let s = call_erlang_0(ctx, "timestamp");
        let m = call_erlang_0(ctx, "monotonic_time");
        Some((Stored::new(s), Stored::new(m)))
    } else {
        None
    };
    let ets = &mut ctx.vm.ets;
    let tab = ets.tabs.get_mut(&id).unwrap();
    let i = tab.fixes.iter().position(|f| f.0 == me);
    if fix {
        if stamp.is_some() {
            tab.fixed_at = stamp;
        }
        match i {
            Some(i) => tab.fixes[i].1 += 1,
            None => tab.fixes.push((me, 1)),
        }
        *ets.fixers.get_or_default(me.raw()) += 1;
    } else if let Some(i) = i {
        tab.fixes[i].1 -= 1;
        if tab.fixes[i].1 == 0 {
            tab.fixes.remove(i);
        }
        if tab.fixes.is_empty() {
            tab.fixed_at = None;
        }
        if let Some(c) = ets.fixers.get_mut(&me.raw()) {
            *c -= 1;
            if *c == 0 {
                ets.fixers.remove(&me.raw());
            }
        }
    }
    Ok(atom::TRUE)
}

/// Process `pid` ended: release its fixations, delete its tables or give them to their heirs
/// (with an `{'ETS-TRANSFER', Tab, Pid, HeirData}` message).
pub fn owner_exited(sh: &mut Shared, cur: &mut Option<&mut Process>, pid: Term) {
    if sh.ets.fixers.remove(&pid.raw()).is_some() {
        for t in sh.ets.tabs.values_mut() {
            t.fixes.retain(|f| f.0 != pid);
            if t.fixes.is_empty() {
                t.fixed_at = None;
            }
        }
    }
    if !sh.ets.owners.contains_key(&pid.raw()) {
        return;
    }
    let ids: Vec<RefId> = sh
        .ets
        .tabs
        .iter()
        .filter(|(_, t)| t.owner == pid)
        .map(|(id, _)| *id)
        .collect();
    let tag = sh.atoms.intern("ETS-TRANSFER");
    for id in ids {
        let Some(tab) = sh.ets.tabs.get(&id) else {
            continue;
        };
        if let Some((heir, data)) = &tab.heir {
            let heir = *heir;
            if heir != pid {
                let mut frag = Arena::with_capacity(copy::size_of(data.term) + 8);
                let d = copy::copy_term(data.term, &mut frag);
                let t = tab.id_term(&mut frag);
                let msg = build::tuple(&mut frag, &[tag, t, pid, d]);
                if signals::deliver(sh, cur, heir, msg, Some(frag)) {
                    sh.ets.tabs.get_mut(&id).unwrap().owner = heir;
                    sh.ets.drop_owner(pid);
                    sh.ets.add_owner(heir);
                    continue;
                }
            }
        }
        sh.ets.remove(id);
    }
}

#[cfg(test)]
mod tests;
