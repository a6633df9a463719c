//! The atom table: append-only, shared by every process and module.
//!
//! Atoms the VM itself needs have fixed indices (the `predefined!` list), so native code refers
//! to them as constants (`atom::BADARG`) without a lookup.

use alloc::boxed::Box;
use alloc::vec::Vec;

use crate::term::Term;

/// Longest atom, in characters (ERTS's `MAX_ATOM_CHARACTERS`).
pub const MAX_ATOM_CHARS: usize = 255;

macro_rules! predefined {
    ($($name:ident = $text:expr),* $(,)?) => {
        const PREDEFINED: &[&str] = &[$($text),*];
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u32)]
        enum Index { $($name),* }
        $(pub const $name: Term = Term::atom(Index::$name as u32);)*
    };
}

predefined! {
    FALSE = "false", TRUE = "true", UNDEFINED = "undefined", OK = "ok", ERROR = "error",
    EXIT = "exit", THROW = "throw", BADARG = "badarg", BADARITH = "badarith",
    BADMATCH = "badmatch", FUNCTION_CLAUSE = "function_clause", CASE_CLAUSE = "case_clause",
    IF_CLAUSE = "if_clause", TRY_CLAUSE = "try_clause", UNDEF = "undef", BADFUN = "badfun",
    BADARITY = "badarity", BADKEY = "badkey", BADMAP = "badmap", BADRECORD = "badrecord",
    SYSTEM_LIMIT = "system_limit", TIMEOUT_VALUE = "timeout_value", NOCATCH = "nocatch",
    INFINITY = "infinity", NORMAL = "normal", KILL = "kill", KILLED = "killed", NOPROC = "noproc",
    EXIT_UPPER = "EXIT", DOWN = "DOWN", PROCESS = "process", FILE = "file", LINE = "line",
    ERROR_INFO = "error_info", MODULE = "module", FUNCTION = "function", CAUSE = "cause",
    ERLANG = "erlang", ALL = "all", NONODE = "nonode@nohost", APPLY = "apply", EMPTY = "",
    LITTLE = "little", BIG = "big", SIGNED = "signed", UNSIGNED = "unsigned", NATIVE = "native",
    INTEGER = "integer", FLOAT = "float", BINARY = "binary", UTF8 = "utf8", UTF16 = "utf16",
    UTF32 = "utf32", STRING = "string", APPEND = "append", PRIVATE_APPEND = "private_append",
    NO_FAIL = "no_fail", RESUME = "resume", SAFE = "safe", UNSAFE = "unsafe", COPY = "copy",
    REUSE = "reuse", ENTRY = "entry", ENSURE_AT_LEAST = "ensure_at_least",
    ENSURE_EXACTLY = "ensure_exactly", SKIP = "skip", GET_TAIL = "get_tail",
    EQ_EXACT = "=:=", MODULE_INFO = "module_info", ATTRIBUTES = "attributes",
    COMPILE = "compile", EXPORTS = "exports", FUNCTIONS = "functions", MD5 = "md5",
    NIFS = "nifs", NATIVE_ADDRESSES = "native_addresses", ERL_ERTS_ERRORS = "erl_erts_errors",
    ERL_STDLIB_ERRORS = "erl_stdlib_errors", NIF_ERROR = "nif_error", ERROR_HANDLER = "error_handler",
    UNDEFINED_FUNCTION = "undefined_function", LATIN1 = "latin1", UNICODE = "unicode",
    ENCODING = "encoding", DECIMALS = "decimals", SCIENTIFIC = "scientific", SHORT = "short",
    COMPACT = "compact", COMPRESSED = "compressed", MINOR_VERSION = "minor_version",
    DETERMINISTIC = "deterministic", USED = "used", ARITY = "arity", NAME = "name", ENV = "env",
    TYPE = "type", LOCAL = "local", EXTERNAL = "external", INDEX = "index", NEW_INDEX = "new_index",
    NEW_UNIQ = "new_uniq", UNIQ = "uniq", PID = "pid", MODULE_ATOM = "module_atom",
    GLOBAL = "global", SCOPE = "scope", TRIM = "trim", TRIM_ALL = "trim_all", INCOMPLETE = "incomplete",
    BADFILE = "badfile", NOFILE = "nofile", NOT_PURGED = "not_purged", ON_LOAD = "on_load",
    ON_LOAD_FAILURE = "on_load_failure", VSN = "vsn", ABS = "abs", DISPLAY = "display",
    GENERAL = "general", FUN = "fun", EXPORT = "export", HALT = "halt", INIT = "init",
    ADD = "+", SUB = "-", MUL = "*", DIV = "/", SHORT_ATOM = "short_atom", SAFE_ATOM = "safe_atom",
    MIN_HEAP_SIZE = "min_heap_size", LINK = "link", MONITOR = "monitor", MAX = "max", MIN = "min",
    CURRENT = "current", UTF8_OPT = "utf8_opt", NOT_LOADED = "not_loaded", ERR_MISSING = "missing",
    RECORD = "record", SIZE = "size", UNIT = "unit", BADSIZE = "badsize",
    FORMAT_BS_FAIL = "format_bs_fail", INVALID = "invalid", NO_FLOAT = "no_float",
    LOW = "low", HIGH = "high", LANTERN_TRAP = "$lantern_trap", TIMEOUT = "timeout",
    TRAP_EXIT = "trap_exit", PRIORITY = "priority", ALIAS = "alias", DEMONITOR = "demonitor",
    REPLY_DEMONITOR = "reply_demonitor", EXPLICIT_UNALIAS = "explicit_unalias", FLUSH = "flush",
    INFO = "info", ASYNC = "async", NOCONNECT = "noconnect",
    NOSUSPEND = "nosuspend", MAX_HEAP_SIZE = "max_heap_size", MESSAGE_QUEUE_DATA = "message_queue_data",
    OFF_HEAP = "off_heap", ON_HEAP = "on_heap", FULLSWEEP_AFTER = "fullsweep_after",
    MIN_BIN_VHEAP_SIZE = "min_bin_vheap_size", SPAWN_OPT_REPLY = "spawn_reply", SHUTDOWN = "shutdown",
    RUNNING = "running", RUNNABLE = "runnable", WAITING = "waiting", EXITING = "exiting",
    CANCEL_TIMER = "cancel_timer", READ_TIMER = "read_timer", ERROR_LOGGER = "error_logger",
    HIBERNATE = "hibernate", SAVE_CALLS = "save_calls", TAG = "tag",
}

/// The `short` cause of a bit-syntax error (same atom as [`SHORT`]; a second `"short"` entry in
/// the predefined list would shift every later index).
pub const SHORT_CAUSE: Term = SHORT;

/// The atom table: names by index, and an open-addressing hash index over them (loading a
/// module interns each of its atoms; a tree index made that a tenth of the loader's time).
pub struct AtomTable {
    names: Vec<Box<str>>,
    /// Atom index + 1 per slot (0: empty); a power of two in size, at most half full.
    slots: Vec<u32>,
}

/// FNV-1a: short names, no adversary to fear (atoms are never collected anyway).
fn hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl AtomTable {
    pub fn new() -> AtomTable {
        let mut t = AtomTable {
            names: Vec::new(),
            slots: alloc::vec![0; 1024],
        };
        for name in PREDEFINED {
            t.intern(name);
        }
        t
    }

    /// The atom for `name`, created when new. Callers check [`MAX_ATOM_CHARS`] where the BEAM
    /// raises `system_limit`.
    pub fn intern(&mut self, name: &str) -> Term {
        let slot = match self.find(name) {
            Ok(i) => return Term::atom(i),
            Err(slot) => slot,
        };
        let i = self.names.len() as u32;
        self.names.push(name.into());
        self.slots[slot] = i + 1;
        if self.names.len() * 2 > self.slots.len() {
            self.grow();
        }
        Term::atom(i)
    }

    /// The atom for `name` if it exists.
    pub fn lookup(&self, name: &str) -> Option<Term> {
        self.find(name).ok().map(Term::atom)
    }

    /// `Ok(index)` of `name`, or `Err(the empty slot where it would go)`.
    fn find(&self, name: &str) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = hash(name) as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return Err(slot),
                n if &*self.names[n as usize - 1] == name => return Ok(n - 1),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Doubles the hash index and re-places every atom.
    fn grow(&mut self) {
        let mut slots = alloc::vec![0u32; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for (i, name) in self.names.iter().enumerate() {
            let mut slot = hash(name) as usize & mask;
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i as u32 + 1;
        }
        self.slots = slots;
    }

    /// The text of an atom term (panics on a non-atom: callers check `is_atom`).
    pub fn name(&self, a: Term) -> &str {
        &self.names[a.atom_index() as usize]
    }

    pub fn name_of(&self, index: u32) -> &str {
        &self.names[index as usize]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

impl Default for AtomTable {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_atoms_have_fixed_indices() {
        let mut t = AtomTable::new();
        assert_eq!(t.intern("true"), TRUE);
        assert_eq!(t.intern("badarg"), BADARG);
        assert_eq!(t.name(UNDEF), "undef");
        let a = t.intern("hello");
        assert_eq!(t.lookup("hello"), Some(a));
        assert_eq!(t.name(a), "hello");
    }

    #[test]
    fn predefined_atoms_are_unique() {
        // A repeated name would shift every later constant onto the wrong atom.
        let mut seen = alloc::collections::BTreeSet::new();
        for name in PREDEFINED {
            assert!(seen.insert(*name), "predefined atom {name:?} listed twice");
        }
    }
}
