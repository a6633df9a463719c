//! The `.beam` loader: container and chunks, compact operand decoding, translation of generic
//! instructions into [`crate::emulator::instr::Instr`], validation.
//!
//! Loading runs in two passes over the `Code` chunk: the first decodes every operand once and
//! fixes where each label lands (a label is the index of the next emitted instruction), the
//! second translates with labels, imports and funs resolved. Every index coming from the file is
//! checked, so a malformed file gives a [`LoadError`] and never a panic.

pub mod compact;
pub mod container;
pub mod opcodes;
pub mod translate;
pub mod translate_bs;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::bif::BifId;
use crate::code::{Code, ExportDef, FunEntry, FuncRange, LineTable};
use crate::emulator::instr::{Callee, Instr};
use crate::heap::Arena;
use crate::term::Term;
use crate::vm::Shared;

use compact::{Cursor, DecodeError, Operand, OperandCtx};
use container::Chunk;
use translate::{Env, Import};

/// Why a `.beam` file was rejected: which module, which chunk, at which byte offset.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub module: Option<String>,
    pub chunk: String,
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: chunk {} at byte {}: {}",
            self.module.as_deref().unwrap_or("<unknown module>"),
            self.chunk,
            self.offset,
            self.message
        )
    }
}

fn lerr(chunk: &str, offset: usize, message: impl Into<String>) -> LoadError {
    LoadError {
        module: None,
        chunk: String::from(chunk),
        offset,
        message: message.into(),
    }
}

/// Turns a decoding error inside chunk `ch` into a `LoadError` with a file offset.
fn in_chunk(ch: &Chunk) -> impl Fn(DecodeError) -> LoadError {
    let (id, base) = (ch.id, ch.offset);
    move |e| lerr(&container::chunk_name(&id), base + e.offset, e.message)
}

/// Loads one `.beam` file into a new code version with id `code_id` (not yet published).
pub fn load(bytes: &[u8], code_id: u32, vm: &mut Shared) -> Result<Code, LoadError> {
    let mut module_name = None;
    load_inner(bytes, code_id, vm, &mut module_name).map_err(|mut e| {
        e.module = module_name;
        e
    })
}

/// One generic instruction after pass 1; its operands are `operands[start..start + arity]` of
/// one shared vector (a vector per instruction made loading allocation-bound).
struct GenOp {
    op: u8,
    start: u32,
    arity: u8,
    /// File offset of the opcode byte.
    offset: usize,
}

fn load_inner(
    bytes: &[u8],
    code_id: u32,
    vm: &mut Shared,
    module_name: &mut Option<String>,
) -> Result<Code, LoadError> {
    let chunks = container::chunks(bytes).map_err(|e| lerr("FOR1", e.offset, e.message))?;
    let find = |id: &[u8; 4]| chunks.iter().find(|c| &c.id == id);
    let need = |id: &[u8; 4]| {
        find(id).ok_or_else(|| lerr(&container::chunk_name(id), 0, "required chunk missing"))
    };

    // Atoms.
    let atu8 = match find(b"AtU8") {
        Some(c) => c,
        None if find(b"Atom").is_some() => {
            return Err(lerr(
                "Atom",
                0,
                "Latin-1 atom table (compiled by OTP 20 or older): recompile the module",
            ))
        }
        None => return Err(lerr("AtU8", 0, "required chunk missing")),
    };
    let names = container::atoms(atu8.data).map_err(in_chunk(atu8))?;
    *module_name = Some(String::from(names[0]));
    let mut atoms = Vec::with_capacity(names.len() + 1);
    atoms.push(Term::NIL);
    for n in &names {
        atoms.push(vm.atoms.intern(n));
    }
    let module = atoms[1];
    let atom_at = |i: u32, ch: &Chunk| -> Result<Term, LoadError> {
        match atoms.get(i as usize) {
            Some(&a) if i > 0 => Ok(a),
            _ => Err(lerr(
                &container::chunk_name(&ch.id),
                ch.offset,
                format!("atom index {i} out of range"),
            )),
        }
    };

    // Code header.
    let code_ch = need(b"Code")?;
    let mut c = Cursor::new(code_ch.data);
    let hdr = (|| -> Result<(u32, u32, u32), DecodeError> {
        let header_size = c.u32()? as usize;
        let mut h = Cursor::new(c.take(header_size)?);
        let set = h.u32()?;
        let max_op = h.u32()?;
        let labels = h.u32()?;
        let _functions = h.u32()?;
        Ok((set, max_op, labels))
    })()
    .map_err(in_chunk(code_ch))?;
    let (set, max_op, label_count) = hdr;
    if set != 0 {
        return Err(lerr("Code", code_ch.offset, "unknown instruction set"));
    }
    if max_op > opcodes::MAX_OPCODE {
        return Err(lerr(
            "Code",
            code_ch.offset,
            format!("max opcode {max_op}: compiled by a newer OTP; recompile"),
        ));
    }
    if label_count as usize > code_ch.data.len() + 1 {
        return Err(lerr(
            "Code",
            code_ch.offset,
            "label count larger than the code",
        ));
    }

    let strings = find(b"StrT").map(|c| c.data.to_vec()).unwrap_or_default();

    // Imports.
    let imp_ch = need(b"ImpT")?;
    let missing = vm.atoms.lookup("$missing_bif");
    let mut imports = Vec::new();
    for [m, f, a] in container::triples(imp_ch.data).map_err(in_chunk(imp_ch))? {
        let (m, f) = (atom_at(m, imp_ch)?, atom_at(f, imp_ch)?);
        let bif = vm.bif_for(m, f, a);
        let callee = match bif {
            Some(id) => Callee::Bif(id),
            None => Callee::Export(vm.exports.entry(m, f, a)),
        };
        let stand_in = missing.and_then(|mb| vm.bif_for(crate::atom::ERLANG, mb, a));
        imports.push(Import {
            arity: a,
            callee,
            bif: bif.or(stand_in).unwrap_or(BifId(u16::MAX)),
        });
    }

    let exp_ch = need(b"ExpT")?;
    let exports_raw = container::triples(exp_ch.data).map_err(in_chunk(exp_ch))?;
    let funs_raw = match find(b"FunT") {
        Some(ch) => container::funs(ch.data).map_err(in_chunk(ch))?,
        None => Vec::new(),
    };

    // Literals.
    let mut arena = Arena::with_capacity(256);
    let mut literals = Vec::new();
    if let Some(ch) = find(b"LitT") {
        for (i, lit) in container::literal_table(ch.data)
            .map_err(in_chunk(ch))?
            .iter()
            .enumerate()
        {
            let (t, _) = crate::etf::decode(lit, &mut vm.atoms, None, &mut arena, false)
                .map_err(|e| lerr("LitT", ch.offset, format!("literal {i}: {e}")))?;
            literals.push(t);
        }
    }

    let line_info = match find(b"Line") {
        Some(ch) => container::lines(ch.data).map_err(in_chunk(ch))?,
        None => None,
    };

    // Pass 1: decode, place labels, record lines.
    // Sized from the code chunk (about 3 bytes per instruction, under 2 per operand) so that
    // neither grows by copying.
    let code_len = code_ch.data.len();
    let mut ops = Vec::with_capacity(code_len / 3 + 16);
    let mut operands: Vec<Operand> = Vec::with_capacity(code_len / 2 + 16);
    let mut labels = alloc::vec![u32::MAX; label_count as usize];
    let mut lines = LineTable::default();
    let mut emitted: u32 = 0;
    let mut on_load_seen = false;
    let mut last_func_info: Option<u32> = None;
    let mut on_load = None;
    {
        let mut cx = OperandCtx {
            atoms: &atoms,
            literals: &literals,
            arena: &mut arena,
        };
        let cerr = in_chunk(code_ch);
        let mut ended = false;
        while !c.at_end() {
            let offset = code_ch.offset + c.pos();
            let op = c.u8().map_err(&cerr)?;
            let (name, arity, live) = match opcodes::OPCODES.get(op as usize) {
                Some(&e) if op != 0 => e,
                _ => return Err(lerr("Code", offset, format!("unknown opcode {op}"))),
            };
            if !live {
                return Err(lerr(
                    "Code",
                    offset,
                    format!("obsolete opcode {op} ({name}): recompile the module"),
                ));
            }
            if op as u32 > max_op {
                return Err(lerr(
                    "Code",
                    offset,
                    format!("opcode {op} above max opcode"),
                ));
            }
            let start = operands.len();
            for _ in 0..arity {
                operands.push(compact::read_operand(&mut c, &mut cx, false).map_err(&cerr)?);
            }
            let args = &operands[start..];
            match op {
                opcodes::LABEL => {
                    let l = match args[0] {
                        Operand::U(l) => l,
                        _ => return Err(lerr("Code", offset, "label operand is not u")),
                    };
                    match labels.get_mut(l as usize) {
                        Some(slot) if l > 0 && *slot == u32::MAX => *slot = emitted,
                        Some(_) if l > 0 => {
                            return Err(lerr("Code", offset, format!("label {l} defined twice")))
                        }
                        _ => return Err(lerr("Code", offset, format!("label {l} out of range"))),
                    }
                }
                opcodes::LINE => {
                    let item = translate::uint(&args[0]).map_err(|m| lerr("Code", offset, m))?;
                    let (file, line) = line_info
                        .as_ref()
                        .and_then(|l| l.items.get(item as usize).copied())
                        .unwrap_or((0, 0));
                    if let Some(last) = lines.entries.last_mut() {
                        if last.0 == emitted {
                            *last = (emitted, file, line);
                            operands.truncate(start);
                            continue;
                        }
                    }
                    lines.entries.push((emitted, file, line));
                }
                opcodes::ON_LOAD => {
                    if on_load_seen {
                        return Err(lerr("Code", offset, "more than one on_load"));
                    }
                    on_load_seen = true;
                    on_load = last_func_info.map(|i| i + 1);
                }
                opcodes::INT_CODE_END => {
                    ended = true;
                    break;
                }
                _ => {}
            }
            if op == opcodes::FUNC_INFO {
                last_func_info = Some(emitted);
            }
            if !opcodes::emits_nothing(op) {
                emitted = emitted
                    .checked_add(1)
                    .ok_or_else(|| lerr("Code", offset, "too many instructions"))?;
            }
            ops.push(GenOp {
                op,
                start: start as u32,
                arity,
                offset,
            });
        }
        if !ended {
            return Err(lerr("Code", code_ch.offset, "missing int_code_end"));
        }
    }
    if on_load_seen && on_load.is_none() {
        return Err(lerr("Code", code_ch.offset, "on_load outside a function"));
    }

    // Pass 2: translate.
    let fun_free: Vec<u32> = funs_raw.iter().map(|f| f[4]).collect();
    let mut instrs = Vec::with_capacity(emitted as usize);
    let mut functions = Vec::new();
    {
        let mut env = Env {
            labels: &labels,
            n_instrs: emitted,
            imports: &imports,
            fun_free: &fun_free,
            strings_len: strings.len(),
            arena: &mut arena,
        };
        for g in &ops {
            if opcodes::emits_nothing(g.op) {
                continue;
            }
            let args = &operands[g.start as usize..g.start as usize + g.arity as usize];
            let i = translate::translate(&mut env, g.op, args).map_err(|m| {
                let name = opcodes::OPCODES[g.op as usize].0;
                lerr("Code", g.offset, format!("{name}: {m}"))
            })?;
            if let Instr::FuncInfo {
                function, arity, ..
            } = i
            {
                functions.push(FuncRange {
                    start: instrs.len() as u32,
                    function,
                    arity: arity as u32,
                });
            }
            instrs.push(i);
        }
    }
    match instrs.last() {
        Some(i) if translate::is_terminator(i) => {}
        Some(_) => return Err(lerr("Code", code_ch.offset, "code falls off its end")),
        None => {}
    }

    let resolve = |l: u32, ch: &Chunk| -> Result<u32, LoadError> {
        match labels.get(l as usize) {
            Some(&i) if l > 0 && i < emitted => Ok(i),
            _ => Err(lerr(
                &container::chunk_name(&ch.id),
                ch.offset,
                format!("label {l} undefined"),
            )),
        }
    };
    let mut exports = Vec::with_capacity(exports_raw.len());
    for [f, a, l] in exports_raw {
        exports.push(ExportDef {
            function: atom_at(f, exp_ch)?,
            arity: a,
            entry: resolve(l, exp_ch)?,
        });
    }
    let mut funs = Vec::with_capacity(funs_raw.len());
    if let Some(ch) = find(b"FunT") {
        for [f, arity, l, index, num_free, old_uniq] in funs_raw {
            if num_free > arity || arity > 255 {
                return Err(lerr("FunT", ch.offset, "bad fun arity"));
            }
            funs.push(FunEntry {
                function: atom_at(f, ch)?,
                arity,
                entry: resolve(l, ch)?,
                index,
                num_free,
                old_uniq,
            });
        }
    }

    lines.files.push(format!("{}.erl", names[0]));
    if let Some(l) = line_info {
        for n in l.names {
            lines.files.push(if n.is_empty() {
                format!("{}.erl", names[0])
            } else {
                n
            });
        }
    }

    let mut decode_opt = |id: &[u8; 4]| -> Result<Term, LoadError> {
        match find(id) {
            Some(ch) => crate::etf::decode(ch.data, &mut vm.atoms, None, &mut arena, false)
                .map(|(t, _)| t)
                .map_err(|e| lerr(&container::chunk_name(id), ch.offset, format!("{e}"))),
            None => Ok(Term::NIL),
        }
    };
    let attributes = decode_opt(b"Attr")?;
    let compile_info = decode_opt(b"CInf")?;

    Ok(Code {
        id: code_id,
        module,
        instrs: instrs.into(),
        literals: arena,
        exports,
        funs,
        functions,
        lines,
        strings,
        attributes,
        compile_info,
        md5: container::module_md5(&chunks),
        on_load,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::instr::{Dst, Src};
    use crate::host::NullHost;
    use crate::vm::Vm;
    use alloc::boxed::Box;
    use alloc::vec;

    fn chunk(out: &mut Vec<u8>, id: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(id);
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }

    /// A module `t` exporting `f/0` with the given body after `label 2` (4 labels).
    fn module(body: &[u8], max_op: u32) -> Vec<u8> {
        let mut code = Vec::new();
        for w in [16u32, 0, max_op, 4, 1] {
            code.extend_from_slice(&w.to_be_bytes());
        }
        // label 1; line 1; func_info a1 a2 u0; label 2
        code.extend_from_slice(&[0x01, 0x10, 153, 0x10, 0x02, 0x12, 0x22, 0x00, 0x01, 0x20]);
        code.extend_from_slice(body);
        code.push(3); // int_code_end
        let mut f = b"FOR1\0\0\0\0BEAM".to_vec();
        chunk(&mut f, b"AtU8", &[0, 0, 0, 2, 1, b't', 1, b'f']);
        chunk(&mut f, b"Code", &code);
        chunk(&mut f, b"StrT", b"");
        chunk(&mut f, b"ImpT", &[0, 0, 0, 0]);
        chunk(
            &mut f,
            b"ExpT",
            &[0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2],
        );
        // Line: version 0, flags 0, 1 line instr, 1 item, 0 names; item i:7.
        chunk(
            &mut f,
            b"Line",
            &[
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0x71,
            ],
        );
        let n = (f.len() - 8) as u32;
        f[4..8].copy_from_slice(&n.to_be_bytes());
        f
    }

    fn try_load(bytes: &[u8]) -> Result<Code, LoadError> {
        let mut vm = Vm::new(Box::new(NullHost::default()));
        load(bytes, 1, &mut vm.shared)
    }

    #[test]
    fn loads_a_minimal_module() {
        // move i:5 x0; return
        let c = try_load(&module(&[64, 0x51, 0x03, 19], 153)).unwrap();
        assert_eq!(c.instrs.len(), 3);
        assert!(matches!(
            c.instrs[1],
            Instr::Move {
                src: Src::Imm(t),
                dst: Dst::X(0)
            } if t == Term::small(5)
        ));
        assert_eq!(c.exports[0].entry, 1);
        assert_eq!(c.functions[0].start, 0);
        assert_eq!(c.lines.entries, vec![(0, 0, 7)]);
        assert_eq!(c.lines.lookup(1, 0), Some(("t.erl", 7)));
        assert!(c.attributes.is_nil());
    }

    #[test]
    fn rejects_malformed_modules() {
        let cases: &[(&[u8], u32, &str)] = &[
            (&[61, 0x35], 153, "label 3 is not defined"), // jump f:3
            (&[61, 0x55], 153, "out of range"),           // jump f:5
            (&[14, 0x00, 0x00, 19], 153, "recompile"),    // allocate_zero
            (&[64, 0x51, 0x03, 19], 200, "newer OTP"),    // max opcode
            (&[64, 0x51, 0x1B, 0x04, 0x00, 19], 153, "register"), // x(1024)
            (&[64, 0x51, 0x03], 153, "falls off"),        // no return
            (&[250], 153, "unknown opcode"),
            (&[64, 0x51], 153, "int_code_end"),
            (&[7, 0x10, 0x00, 19], 153, "import 0 out of range"),
            (&[171, 0x00, 0x03, 0x17, 0x00, 19], 180, "fun index"),
            (&[64, 0x47, 0x00, 0x03, 19], 153, "literal index"),
        ];
        for &(body, max_op, what) in cases {
            let e = match try_load(&module(body, max_op)) {
                Err(e) => e,
                Ok(_) => panic!("{body:?} loaded"),
            };
            let msg = alloc::format!("{e}");
            assert!(msg.contains(what), "{body:?}: {msg}");
            assert_eq!(e.module.as_deref(), Some("t"));
        }
    }

    #[test]
    fn rejects_latin1_atom_tables() {
        let mut f = module(&[19], 153);
        f[12..16].copy_from_slice(b"Atom");
        let e = try_load(&f).err().expect("rejected");
        assert!(e.message.contains("recompile"));
    }
}
