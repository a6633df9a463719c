//! Loaded code: immutable module versions, the module table (current and old version of each
//! module) and the export table through which every fully qualified call goes, so loading a new
//! version is a matter of re-pointing export entries.

use alloc::collections::BTreeMap;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

use crate::emulator::instr::{Instr, Label};
use crate::heap::Arena;
use crate::term::Term;

/// A code address: which loaded code version, and which instruction in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodePtr {
    pub code: u32,
    pub ip: u32,
}

impl CodePtr {
    /// The bits of a continuation-pointer word that hold the instruction index.
    pub const IP_BITS: u64 = 0xFFFF_FFFF << 2;
    /// As a continuation-pointer word on the stack (primary tag `00`, never 0).
    #[inline(always)]
    pub const fn to_cp(self) -> u64 {
        ((self.code as u64) << 34) | ((self.ip as u64) << 2)
    }
    #[inline(always)]
    pub const fn from_cp(w: u64) -> CodePtr {
        CodePtr {
            code: (w >> 34) as u32,
            ip: ((w >> 2) & 0xFFFF_FFFF) as u32,
        }
    }
    /// As a catch tag (immediate) remembering the handler and the Y slot holding the tag.
    #[inline]
    pub fn to_catch(self, y: u16) -> Term {
        debug_assert!(self.code < (1 << 22) && self.ip < (1 << 26) && y < 1024);
        Term::catch_tag(0)
            .with_catch_payload(((self.code as u64) << 36) | ((self.ip as u64) << 10) | y as u64)
    }
    #[inline]
    pub fn from_catch(t: Term) -> (CodePtr, u16) {
        let v = t.raw() >> 6;
        (
            CodePtr {
                code: (v >> 36) as u32,
                ip: ((v >> 10) & ((1 << 26) - 1)) as u32,
            },
            (v & 1023) as u16,
        )
    }
}

impl Term {
    #[inline]
    fn with_catch_payload(self, v: u64) -> Term {
        Term((v << 6) | crate::term::TAG_IMMED2_CATCH)
    }
}

/// The code id of the VM's built-in stub code (normal exit continuation and the like).
pub const STUB_CODE: u32 = 0;
/// `STUB_CODE` instruction that ends a process normally.
pub const STUB_NORMAL_EXIT: u32 = 1;
/// `STUB_CODE` instruction that tail-calls `apply(x0, x1, x2)`: where a new (or hibernated)
/// process starts.
pub const STUB_APPLY: u32 = 2;

/// The continuation that ends a process normally: the bottom frame of every process.
pub fn normal_exit_cp() -> crate::term::Term {
    crate::term::Term(
        CodePtr {
            code: STUB_CODE,
            ip: STUB_NORMAL_EXIT,
        }
        .to_cp(),
    )
}

/// A lambda table (`FunT`) entry.
#[derive(Clone, Debug)]
pub struct FunEntry {
    pub function: Term,
    /// Arity of the implementing function = fun arity + num_free.
    pub arity: u32,
    pub entry: Label,
    pub index: u32,
    pub num_free: u32,
    pub old_uniq: u32,
}

/// An exported function.
#[derive(Clone, Copy, Debug)]
pub struct ExportDef {
    pub function: Term,
    pub arity: u32,
    pub entry: Label,
}

/// Where a function starts, for stack traces (`{M,F,A}` of an instruction address).
#[derive(Clone, Copy, Debug)]
pub struct FuncRange {
    /// Index of the `FuncInfo` instruction (functions are laid out in order).
    pub start: u32,
    pub function: Term,
    pub arity: u32,
}

/// Instruction index → location, from the `Line` chunk and the `line` instructions.
#[derive(Default, Debug)]
pub struct LineTable {
    /// (first instruction index the location applies to, file index, line), sorted by index.
    pub entries: Vec<(u32, u32, u32)>,
    /// File names; index 0 is `"<module>.erl"`.
    pub files: Vec<String>,
}

impl LineTable {
    /// The location in effect at instruction `ip`, if any, limited to the function starting at
    /// `func_start`.
    pub fn lookup(&self, ip: u32, func_start: u32) -> Option<(&str, u32)> {
        let i = self.entries.partition_point(|e| e.0 <= ip);
        if i == 0 {
            return None;
        }
        let (at, file, line) = self.entries[i - 1];
        if at < func_start || line == 0 {
            return None;
        }
        Some((
            self.files
                .get(file as usize)
                .map(|s| s.as_str())
                .unwrap_or(""),
            line,
        ))
    }
}

/// One loaded version of a module. Immutable once published.
pub struct Code {
    pub id: u32,
    pub module: Term,
    /// Shared so the dispatch loop can hold the instructions themselves while it runs them.
    pub instrs: Rc<[Instr]>,
    /// The literal area: every literal operand points in here; it lives as long as the code.
    pub literals: Arena,
    pub exports: Vec<ExportDef>,
    pub funs: Vec<FunEntry>,
    pub functions: Vec<FuncRange>,
    pub lines: LineTable,
    /// The `StrT` chunk.
    pub strings: Vec<u8>,
    /// `Attr` and `CInf` decoded (lists), in the literal area; `[]` when absent.
    pub attributes: Term,
    pub compile_info: Term,
    pub md5: [u8; 16],
    /// Entry of the `-on_load` function, if any.
    pub on_load: Option<Label>,
}

impl Code {
    /// The function containing instruction `ip`.
    pub fn function_at(&self, ip: u32) -> Option<&FuncRange> {
        let i = self.functions.partition_point(|f| f.start <= ip);
        if i == 0 {
            None
        } else {
            Some(&self.functions[i - 1])
        }
    }
    pub fn export_entry(&self, function: Term, arity: u32) -> Option<Label> {
        self.exports
            .iter()
            .find(|e| e.function == function && e.arity == arity)
            .map(|e| e.entry)
    }
}

/// What an export entry leads to.
#[derive(Clone, Copy, Debug)]
pub enum ExportTarget {
    /// Not loaded (yet): calling it loads the module or raises `undef`.
    Undefined,
    Code(CodePtr),
    Bif(crate::bif::BifId),
}

/// An export entry: `M:F/A` and where calls to it go now.
#[derive(Clone, Copy, Debug)]
pub struct Export {
    pub module: Term,
    pub function: Term,
    pub arity: u32,
    pub target: ExportTarget,
}

/// Every export entry ever referenced, by `{M,F,A}`; entries are never removed.
#[derive(Default)]
pub struct ExportTable {
    pub entries: Vec<Export>,
    index: BTreeMap<(u32, u32, u32), u32>,
}

impl ExportTable {
    /// The entry for `M:F/A`, created (undefined) when new.
    pub fn entry(&mut self, module: Term, function: Term, arity: u32) -> u32 {
        let key = (module.atom_index(), function.atom_index(), arity);
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.entries.len() as u32;
        self.entries.push(Export {
            module,
            function,
            arity,
            target: ExportTarget::Undefined,
        });
        self.index.insert(key, i);
        i
    }
    pub fn find(&self, module: Term, function: Term, arity: u32) -> Option<u32> {
        self.index
            .get(&(module.atom_index(), function.atom_index(), arity))
            .copied()
    }
    #[inline(always)]
    pub fn get(&self, i: u32) -> &Export {
        &self.entries[i as usize]
    }
}

/// A module's versions.
#[derive(Default)]
pub struct ModuleVersions {
    pub current: Option<u32>,
    pub old: Option<u32>,
}

/// All loaded code, indexed by code id; `modules` maps a module atom to its versions.
#[derive(Default)]
pub struct CodeTable {
    pub codes: Vec<Option<Rc<Code>>>,
    pub modules: crate::vecmap::VecMap<u32, ModuleVersions>,
}

impl CodeTable {
    #[inline(always)]
    pub fn get(&self, id: u32) -> &Rc<Code> {
        self.codes[id as usize].as_ref().expect("live code id")
    }
    pub fn try_get(&self, id: u32) -> Option<&Rc<Code>> {
        self.codes.get(id as usize).and_then(|c| c.as_ref())
    }
    /// The next free code id.
    pub fn next_id(&self) -> u32 {
        self.codes.len() as u32
    }
    pub fn current(&self, module: Term) -> Option<&Rc<Code>> {
        let v = self.modules.get(&module.atom_index())?;
        v.current.map(|id| self.get(id))
    }
}
