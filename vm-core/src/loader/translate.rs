//! Generic instruction → [`Instr`] translation with operand-kind validation. Everything here is
//! checked so that the emulator can index registers, labels, funs and the string table without
//! further checks.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::compact::Operand;
use crate::bif::BifId;
use crate::emulator::instr::{BinFlags, BinSize, Callee, Dst, FDst, FSrc, FunCallTag, Instr};
use crate::emulator::instr::{Label, Src, NO_LABEL};
use crate::heap::{build, Arena};
use crate::term::Term;

pub type TResult<T> = Result<T, String>;

/// A resolved import.
pub struct Import {
    pub arity: u32,
    /// For `call_ext*`.
    pub callee: Callee,
    /// For `bif*`/`gc_bif*`: the native, or the `'$missing_bif'` stand-in.
    pub bif: BifId,
}

/// What translation needs to know about the module.
pub struct Env<'a> {
    /// Label number → instruction index (`u32::MAX` = not defined).
    pub labels: &'a [u32],
    pub n_instrs: u32,
    pub imports: &'a [Import],
    /// `num_free` of each `FunT` entry.
    pub fun_free: &'a [u32],
    pub strings_len: usize,
    pub arena: &'a mut Arena,
}

impl Env<'_> {
    /// A branch target: must be a defined label inside the code.
    pub fn label(&self, o: &Operand) -> TResult<Label> {
        match *o {
            Operand::Label(0) => Err(String::from("label 0 where a label is required")),
            Operand::Label(l) => match self.labels.get(l as usize) {
                Some(&i) if i < self.n_instrs => Ok(i),
                Some(_) => Err(format!("label {l} is not defined")),
                None => Err(format!("label {l} out of range")),
            },
            _ => Err(format!("expected a label, got {o:?}")),
        }
    }
    /// A fail label where 0 means "raise".
    pub fn fail(&self, o: &Operand) -> TResult<Label> {
        match o {
            Operand::Label(0) => Ok(NO_LABEL),
            _ => self.label(o),
        }
    }
    pub fn import(&self, o: &Operand) -> TResult<&Import> {
        let i = uint(o)?;
        self.imports
            .get(i as usize)
            .ok_or_else(|| format!("import {i} out of range"))
    }
    fn bif(&self, o: &Operand, arity: u32) -> TResult<BifId> {
        let imp = self.import(o)?;
        if imp.arity != arity {
            return Err(format!(
                "bif import of arity {} used with {arity}",
                imp.arity
            ));
        }
        Ok(imp.bif)
    }
    fn callee(&self, arity: &Operand, imp: &Operand) -> TResult<(u8, Callee)> {
        let a = small::<u8>(arity)?;
        let imp = self.import(imp)?;
        if imp.arity != a as u32 {
            return Err(format!(
                "call of arity {a} to an import of arity {}",
                imp.arity
            ));
        }
        Ok((a, imp.callee))
    }
    fn fun_index(&self, o: &Operand) -> TResult<u32> {
        let i = uint(o)?;
        if i >= self.fun_free.len() as u64 {
            return Err(format!("fun index {i} out of range"));
        }
        Ok(i as u32)
    }
    /// A `(length-in-bytes, offset)` range of the string table.
    pub fn string_range(&self, offset: u64, bytes: u64) -> TResult<()> {
        match offset.checked_add(bytes) {
            Some(end) if end <= self.strings_len as u64 => Ok(()),
            _ => Err(String::from("string table reference out of range")),
        }
    }
    /// An integer value (u or i) as a term.
    pub fn int_term(&mut self, o: &Operand) -> TResult<Term> {
        match *o {
            Operand::U(v) => Ok(build::uint(self.arena, v)),
            Operand::Int(t) => Ok(t),
            _ => Err(format!("expected an integer, got {o:?}")),
        }
    }
}

/// A source operand: register, immediate or literal.
pub fn src(o: &Operand) -> TResult<Src> {
    Ok(match *o {
        Operand::X(i) => Src::X(i),
        Operand::Y(i) => Src::Y(i),
        Operand::Int(t) | Operand::Atom(t) | Operand::Literal(t) => Src::Imm(t),
        Operand::Nil => Src::Imm(Term::NIL),
        Operand::U(v) if v <= crate::term::MAX_SMALL as u64 => Src::Imm(Term::small(v as i64)),
        _ => return Err(format!("expected a source operand, got {o:?}")),
    })
}

pub fn dst(o: &Operand) -> TResult<Dst> {
    match *o {
        Operand::X(i) => Ok(Dst::X(i)),
        Operand::Y(i) => Ok(Dst::Y(i)),
        _ => Err(format!("expected a register, got {o:?}")),
    }
}

pub fn y(o: &Operand) -> TResult<u16> {
    match *o {
        Operand::Y(i) => Ok(i),
        _ => Err(format!("expected a y register, got {o:?}")),
    }
}

pub fn freg(o: &Operand) -> TResult<u16> {
    match *o {
        Operand::FReg(i) => Ok(i),
        _ => Err(format!("expected a float register, got {o:?}")),
    }
}

/// An unsigned operand (also accepted as a non-negative small `i`).
pub fn uint(o: &Operand) -> TResult<u64> {
    match *o {
        Operand::U(v) => Ok(v),
        Operand::Int(t) => match t.as_small() {
            Some(v) if v >= 0 => Ok(v as u64),
            _ => Err(format!("expected an unsigned value, got {o:?}")),
        },
        _ => Err(format!("expected an unsigned value, got {o:?}")),
    }
}

/// An unsigned operand that must fit `T`.
pub fn small<T: TryFrom<u64>>(o: &Operand) -> TResult<T> {
    let v = uint(o)?;
    T::try_from(v).map_err(|_| format!("value {v} out of range"))
}

/// A live-register count (at most the register file).
pub fn live(o: &Operand) -> TResult<u16> {
    let v = uint(o)?;
    if v > super::compact::MAX_REG {
        return Err(format!("live count {v} out of range"));
    }
    Ok(v as u16)
}

pub fn atom(o: &Operand) -> TResult<Term> {
    match *o {
        Operand::Atom(t) => Ok(t),
        _ => Err(format!("expected an atom, got {o:?}")),
    }
}

pub fn list(o: &Operand) -> TResult<&[Operand]> {
    match o {
        Operand::List(v) => Ok(v),
        _ => Err(format!("expected a list operand, got {o:?}")),
    }
}

/// A heap need: a word count or an allocation list.
pub fn heap(o: &Operand) -> TResult<u32> {
    match *o {
        Operand::Alloc(w) => Ok(w as u32),
        _ => small::<u32>(o),
    }
}

/// The OTP 24 bit-syntax flag bitmask (native = little: every target is little-endian).
pub fn flags_mask(o: &Operand) -> TResult<BinFlags> {
    let m = uint(o)?;
    Ok(BinFlags {
        little: m & 0x12 != 0,
        signed: m & 0x04 != 0,
    })
}

/// The OTP 25+ flag list: `[]` or a literal list of atoms.
pub fn flags_list(o: &Operand) -> TResult<BinFlags> {
    let mut f = BinFlags::default();
    let t = match *o {
        Operand::Nil => return Ok(f),
        Operand::Literal(t) => t,
        _ => return Err(format!("expected a flag list, got {o:?}")),
    };
    let mut it = t.list_iter();
    for a in it.by_ref() {
        match a {
            crate::atom::LITTLE | crate::atom::NATIVE => f.little = true,
            crate::atom::BIG => f.little = false,
            crate::atom::SIGNED => f.signed = true,
            crate::atom::UNSIGNED => f.signed = false,
            _ if a.is_atom() => {}
            _ => return Err(String::from("bad bit-syntax flag")),
        }
    }
    if !it.tail().is_nil() {
        return Err(String::from("improper flag list"));
    }
    Ok(f)
}

/// A size operand that may be the atom `all`.
pub fn bin_size(o: &Operand) -> TResult<BinSize> {
    match *o {
        Operand::Atom(crate::atom::ALL) => Ok(BinSize::All),
        _ => Ok(BinSize::Src(src(o)?)),
    }
}

fn pairs<'o>(l: &'o [Operand]) -> TResult<core::slice::ChunksExact<'o, Operand>> {
    if l.len() % 2 != 0 {
        return Err(String::from("odd-length pair list"));
    }
    Ok(l.chunks_exact(2))
}

fn srcs(l: &[Operand]) -> TResult<Box<[Src]>> {
    l.iter().map(src).collect()
}

/// Translates one generic instruction that produces an internal one.
pub fn translate(env: &mut Env, op: u8, a: &[Operand]) -> TResult<Instr> {
    use Instr as I;
    Ok(match op {
        2 => I::FuncInfo {
            module: atom(&a[0])?,
            function: atom(&a[1])?,
            arity: small(&a[2])?,
        },
        4 => I::Call {
            arity: small(&a[0])?,
            target: env.label(&a[1])?,
        },
        5 => I::CallLast {
            arity: small(&a[0])?,
            target: env.label(&a[1])?,
            dealloc: small(&a[2])?,
        },
        6 => I::CallOnly {
            arity: small(&a[0])?,
            rematch: crate::emulator::instr::NO_REMATCH,
            target: env.label(&a[1])?,
        },
        7 | 8 | 78 => {
            let (arity, callee) = env.callee(&a[0], &a[1])?;
            match op {
                7 => I::CallExt { arity, callee },
                8 => I::CallExtLast {
                    arity,
                    callee,
                    dealloc: small(&a[2])?,
                },
                _ => I::CallExtOnly { arity, callee },
            }
        }
        9 => I::Bif0 {
            bif: env.bif(&a[0], 0)?,
            dst: dst(&a[1])?,
        },
        10 => I::Bif1 {
            fail: env.fail(&a[0])?,
            bif: env.bif(&a[1], 1)?,
            a: src(&a[2])?,
            dst: dst(&a[3])?,
        },
        11 => I::Bif2 {
            fail: env.fail(&a[0])?,
            bif: env.bif(&a[1], 2)?,
            a: src(&a[2])?,
            b: src(&a[3])?,
            dst: dst(&a[4])?,
        },
        124 => I::GcBif1 {
            fail: env.fail(&a[0])?,
            live: live(&a[1])?,
            bif: env.bif(&a[2], 1)?,
            a: src(&a[3])?,
            dst: dst(&a[4])?,
        },
        125 => I::GcBif2 {
            fail: env.fail(&a[0])?,
            live: live(&a[1])?,
            bif: env.bif(&a[2], 2)?,
            a: src(&a[3])?,
            b: src(&a[4])?,
            dst: dst(&a[5])?,
        },
        152 => I::GcBif3 {
            fail: env.fail(&a[0])?,
            live: live(&a[1])?,
            bif: env.bif(&a[2], 3)?,
            a: src(&a[3])?,
            b: src(&a[4])?,
            c: src(&a[5])?,
            dst: dst(&a[6])?,
        },
        12 => I::Allocate {
            stack: small(&a[0])?,
            live: live(&a[1])?,
        },
        13 => I::AllocateHeap {
            stack: small(&a[0])?,
            heap: heap(&a[1])?,
            live: live(&a[2])?,
        },
        16 => I::TestHeap {
            heap: heap(&a[0])?,
            live: live(&a[1])?,
        },
        18 => I::Deallocate(small(&a[0])?),
        19 => I::Return,
        20 => I::Send,
        21 => I::RemoveMessage,
        22 => I::Timeout,
        23 => {
            dst(&a[1])?;
            I::LoopRec {
                fail: env.label(&a[0])?,
            }
        }
        24 => I::LoopRecEnd(env.label(&a[0])?),
        25 => I::Wait(env.label(&a[0])?),
        26 => I::WaitTimeout {
            label: env.label(&a[0])?,
            time: src(&a[1])?,
        },
        39..=44 => {
            let (fail, x, y) = (env.label(&a[0])?, src(&a[1])?, src(&a[2])?);
            match op {
                39 => I::IsLt { fail, a: x, b: y },
                40 => I::IsGe { fail, a: x, b: y },
                41 => I::IsEq { fail, a: x, b: y },
                42 => I::IsNe { fail, a: x, b: y },
                43 => I::IsEqExact { fail, a: x, b: y },
                _ => I::IsNeExact { fail, a: x, b: y },
            }
        }
        45..=53 | 55..=57 | 77 | 114 | 129 | 156 => {
            let (fail, src) = (env.label(&a[0])?, src(&a[1])?);
            match op {
                45 => I::IsInteger { fail, src },
                46 => I::IsFloat { fail, src },
                47 => I::IsNumber { fail, src },
                48 => I::IsAtom { fail, src },
                49 => I::IsPid { fail, src },
                50 => I::IsReference { fail, src },
                51 => I::IsPort { fail, src },
                52 => I::IsNil { fail, src },
                53 => I::IsBinary { fail, src },
                55 => I::IsList { fail, src },
                56 => I::IsNonemptyList { fail, src },
                57 => I::IsTuple { fail, src },
                77 => I::IsFunction { fail, src },
                114 => I::IsBoolean { fail, src },
                129 => I::IsBitstr { fail, src },
                _ => I::IsMap { fail, src },
            }
        }
        58 => I::TestArity {
            fail: env.label(&a[0])?,
            src: src(&a[1])?,
            arity: small(&a[2])?,
        },
        59 => {
            let mut table = Vec::new();
            for p in pairs(list(&a[2])?)? {
                let v = match src(&p[0])? {
                    Src::Imm(t) => t,
                    _ => return Err(String::from("select_val value is not a constant")),
                };
                table.push((v, env.label(&p[1])?));
            }
            I::SelectVal {
                src: src(&a[0])?,
                fail: env.label(&a[1])?,
                table: table.into(),
            }
        }
        60 => {
            let mut table = Vec::new();
            for p in pairs(list(&a[2])?)? {
                table.push((small::<u32>(&p[0])?, env.label(&p[1])?));
            }
            I::SelectTupleArity {
                src: src(&a[0])?,
                fail: env.label(&a[1])?,
                table: table.into(),
            }
        }
        61 => I::Jump(env.label(&a[0])?),
        62 => I::Catch {
            y: y(&a[0])?,
            handler: env.label(&a[1])?,
        },
        63 => I::CatchEnd(y(&a[0])?),
        104 => I::Try {
            y: y(&a[0])?,
            handler: env.label(&a[1])?,
        },
        105 => I::TryEnd(y(&a[0])?),
        106 => I::TryCase(y(&a[0])?),
        107 => I::TryCaseEnd(src(&a[0])?),
        108 => I::Raise {
            trace: src(&a[0])?,
            value: src(&a[1])?,
        },
        161 => I::RawRaise,
        160 => I::BuildStacktrace,
        64 => I::Move {
            src: src(&a[0])?,
            dst: dst(&a[1])?,
        },
        169 => I::Swap(dst(&a[0])?, dst(&a[1])?),
        65 => I::GetList {
            src: src(&a[0])?,
            head: dst(&a[1])?,
            tail: dst(&a[2])?,
        },
        162 => I::GetHd {
            src: src(&a[0])?,
            dst: dst(&a[1])?,
        },
        163 => I::GetTl {
            src: src(&a[0])?,
            dst: dst(&a[1])?,
        },
        66 => I::GetTupleElement {
            src: src(&a[0])?,
            index: small(&a[1])?,
            dst: dst(&a[2])?,
        },
        67 => I::SetTupleElement {
            value: src(&a[0])?,
            tuple: src(&a[1])?,
            index: small(&a[2])?,
        },
        69 => I::PutList {
            head: src(&a[0])?,
            tail: src(&a[1])?,
            dst: dst(&a[2])?,
        },
        164 => I::PutTuple2 {
            dst: dst(&a[0])?,
            elems: srcs(list(&a[1])?)?,
        },
        181 => {
            let reuse = match atom(&a[0])? {
                crate::atom::REUSE => true,
                crate::atom::COPY => false,
                _ => return Err(String::from("bad update_record hint")),
            };
            let size: u32 = small(&a[1])?;
            let mut updates = Vec::new();
            for p in pairs(list(&a[4])?)? {
                let i: u32 = small(&p[0])?;
                if i == 0 || i > size {
                    return Err(String::from("update_record index out of range"));
                }
                updates.push((i, src(&p[1])?));
            }
            I::UpdateRecord {
                reuse,
                size,
                src: src(&a[2])?,
                dst: dst(&a[3])?,
                updates: updates.into(),
            }
        }
        72 => I::Badmatch(src(&a[0])?),
        73 => I::IfEnd,
        74 => I::CaseEnd(src(&a[0])?),
        180 => I::Badrecord(src(&a[0])?),
        75 => I::CallFun {
            arity: small(&a[0])?,
        },
        178 => {
            let tag = match a[0] {
                Operand::Atom(crate::atom::SAFE) => FunCallTag::Safe,
                Operand::Atom(crate::atom::UNSAFE) => FunCallTag::Unsafe,
                _ => FunCallTag::Local(env.fun_index(&a[0])?),
            };
            I::CallFun2 {
                tag,
                arity: small(&a[1])?,
                fun: src(&a[2])?,
            }
        }
        112 => I::Apply {
            arity: small(&a[0])?,
        },
        113 => I::ApplyLast {
            arity: small(&a[0])?,
            dealloc: small(&a[1])?,
        },
        115 => I::IsFunction2 {
            fail: env.label(&a[0])?,
            src: src(&a[1])?,
            arity: src(&a[2])?,
        },
        159 => I::IsTaggedTuple {
            fail: env.label(&a[0])?,
            src: src(&a[1])?,
            arity: small(&a[2])?,
            tag: atom(&a[3])?,
        },
        136 => I::Trim {
            n: small(&a[0])?,
            remaining: small(&a[1])?,
        },
        172 => I::InitYRegs(list(&a[0])?.iter().map(y).collect::<TResult<_>>()?),
        171 => {
            let fun_index = env.fun_index(&a[0])?;
            let env_list = srcs(list(&a[2])?)?;
            if env_list.len() as u32 != env.fun_free[fun_index as usize] {
                return Err(String::from("make_fun3 environment size mismatch"));
            }
            I::MakeFun3 {
                fun_index,
                dst: dst(&a[1])?,
                env: env_list,
            }
        }
        154 | 155 => {
            let mut ps = Vec::new();
            for p in pairs(list(&a[4])?)? {
                ps.push((src(&p[0])?, src(&p[1])?));
            }
            let (fail, s, d, l) = (env.fail(&a[0])?, src(&a[1])?, dst(&a[2])?, live(&a[3])?);
            if op == 154 {
                I::PutMapAssoc {
                    fail,
                    src: s,
                    dst: d,
                    live: l,
                    pairs: ps.into(),
                }
            } else {
                I::PutMapExact {
                    fail,
                    src: s,
                    dst: d,
                    live: l,
                    pairs: ps.into(),
                }
            }
        }
        157 => I::HasMapFields {
            fail: env.label(&a[0])?,
            src: src(&a[1])?,
            keys: srcs(list(&a[2])?)?,
        },
        158 => {
            let mut ps = Vec::new();
            for p in pairs(list(&a[2])?)? {
                ps.push((src(&p[0])?, dst(&p[1])?));
            }
            I::GetMapElements {
                fail: env.label(&a[0])?,
                src: src(&a[1])?,
                pairs: ps.into(),
            }
        }
        96 => I::FMove {
            src: match a[0] {
                Operand::FReg(f) => FSrc::F(f),
                _ => FSrc::T(src(&a[0])?),
            },
            dst: match a[1] {
                Operand::FReg(f) => FDst::F(f),
                _ => FDst::T(dst(&a[1])?),
            },
        },
        97 => I::FConv {
            src: src(&a[0])?,
            dst: freg(&a[1])?,
        },
        98..=101 => {
            env.fail(&a[0])?;
            let (x, y, d) = (freg(&a[1])?, freg(&a[2])?, freg(&a[3])?);
            match op {
                98 => I::FAdd { a: x, b: y, dst: d },
                99 => I::FSub { a: x, b: y, dst: d },
                100 => I::FMul { a: x, b: y, dst: d },
                _ => I::FDiv { a: x, b: y, dst: d },
            }
        }
        102 => {
            env.fail(&a[0])?;
            I::FNegate {
                a: freg(&a[1])?,
                dst: freg(&a[2])?,
            }
        }
        173 => I::RecvMarkerBind {
            marker: src(&a[0])?,
            reference: src(&a[1])?,
        },
        174 => I::RecvMarkerClear(src(&a[0])?),
        175 => I::RecvMarkerReserve(dst(&a[0])?),
        176 => I::RecvMarkerUse(src(&a[0])?),
        _ => return super::translate_bs::translate_bs(env, op, a),
    })
}

/// True when execution never falls through to the next instruction.
pub fn is_terminator(i: &Instr) -> bool {
    use Instr as I;
    matches!(
        i,
        I::Return
            | I::Jump(_)
            | I::CallOnly { .. }
            | I::CallLast { .. }
            | I::CallExtOnly { .. }
            | I::CallExtLast { .. }
            | I::ApplyLast { .. }
            | I::FuncInfo { .. }
            | I::Badmatch(_)
            | I::CaseEnd(_)
            | I::IfEnd
            | I::TryCaseEnd(_)
            | I::Badrecord(_)
            | I::SelectVal { .. }
            | I::SelectTupleArity { .. }
            | I::LoopRecEnd(_)
            | I::Wait(_)
    )
}
