//! The compact term encoding of `Code` operands (also used by the `Line` chunk and the OTP 28
//! `AtU8` lengths): a byte cursor that never panics, and the operand decoder.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use num_bigint::BigInt;

use crate::heap::{build, Arena};
use crate::term::Term;

/// A decoding failure: byte offset (within the chunk) and what went wrong. Turned into a
/// [`super::LoadError`] by the caller, who knows the module and chunk.
#[derive(Debug, Clone)]
pub struct DecodeError {
    pub offset: usize,
    pub message: String,
}

pub type DResult<T> = Result<T, DecodeError>;

/// A bounds-checked reader over one chunk's payload.
#[derive(Clone)]
pub struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(data: &'a [u8]) -> Cursor<'a> {
        Cursor { data, pos: 0 }
    }
    #[inline]
    pub fn pos(&self) -> usize {
        self.pos
    }
    #[inline]
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }
    #[inline]
    pub fn at_end(&self) -> bool {
        self.pos >= self.data.len()
    }
    pub fn err<T>(&self, message: impl Into<String>) -> DResult<T> {
        Err(DecodeError {
            offset: self.pos,
            message: message.into(),
        })
    }
    #[inline]
    pub fn take(&mut self, n: usize) -> DResult<&'a [u8]> {
        // An overflowing end makes an empty-or-reversed range, which `get` refuses.
        match self.data.get(self.pos..self.pos.wrapping_add(n)) {
            Some(s) => {
                self.pos += n;
                Ok(s)
            }
            _ => self.truncated(n),
        }
    }
    #[cold]
    #[inline(never)]
    fn truncated<T>(&self, n: usize) -> DResult<T> {
        self.err(format!(
            "truncated: need {n} bytes, {} left",
            self.remaining()
        ))
    }
    #[inline]
    pub fn u8(&mut self) -> DResult<u8> {
        match self.data.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => self.truncated(1),
        }
    }
    pub fn u16(&mut self) -> DResult<u16> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }
    pub fn u32(&mut self) -> DResult<u32> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn i32(&mut self) -> DResult<i32> {
        Ok(self.u32()? as i32)
    }
    pub fn rest(&mut self) -> &'a [u8] {
        let s = &self.data[self.pos..];
        self.pos = self.data.len();
        s
    }
}

pub const TAG_U: u8 = 0;
pub const TAG_I: u8 = 1;
pub const TAG_A: u8 = 2;
pub const TAG_X: u8 = 3;
pub const TAG_Y: u8 = 4;
pub const TAG_F: u8 = 5;
pub const TAG_H: u8 = 6;
pub const TAG_Z: u8 = 7;

/// The value of a compact term before its tag is interpreted.
#[derive(Clone, Debug, PartialEq)]
pub enum RawValue {
    /// Fits in 64 bits (for tag `i`: the signed value).
    Word(i128),
    /// A two's-complement big-endian integer wider than 8 bytes (tag `i` only).
    Big(Vec<u8>),
}

/// Reads one tag byte and its value (forms A–D of the compact encoding).
pub fn read_raw(c: &mut Cursor) -> DResult<(u8, RawValue)> {
    let b = c.u8()?;
    let tag = b & 7;
    if b & 0x08 == 0 {
        return Ok((tag, RawValue::Word((b >> 4) as i128)));
    }
    if b & 0x10 == 0 {
        let lo = c.u8()? as i128;
        return Ok((tag, RawValue::Word((((b & 0xE0) as i128) << 3) | lo)));
    }
    let n = if (b >> 5) < 7 {
        (b >> 5) as usize + 2
    } else {
        let (t, v) = read_raw(c)?;
        match (t, v) {
            (TAG_U, RawValue::Word(k)) if k < 1 << 20 => k as usize + 9,
            _ => return c.err("bad length prefix of a long compact value"),
        }
    };
    let bytes = c.take(n)?;
    if tag == TAG_I {
        if n <= 8 {
            let mut v: i64 = if bytes[0] & 0x80 != 0 { -1 } else { 0 };
            for &x in bytes {
                v = (v << 8) | x as i64;
            }
            Ok((tag, RawValue::Word(v as i128)))
        } else {
            Ok((tag, RawValue::Big(bytes.to_vec())))
        }
    } else {
        // Unsigned; the encoder may prepend a 0 byte.
        let mut v: u128 = 0;
        for &x in bytes {
            if v >> 64 != 0 {
                return c.err("unsigned operand too large");
            }
            v = (v << 8) | x as u128;
        }
        if v > u64::MAX as u128 {
            return c.err("unsigned operand too large");
        }
        Ok((tag, RawValue::Word(v as i128)))
    }
}

/// Reads a `u`-tagged value.
pub fn read_u(c: &mut Cursor) -> DResult<u64> {
    match read_raw(c)? {
        (TAG_U, RawValue::Word(v)) => Ok(v as u64),
        _ => c.err("expected an unsigned (u) operand"),
    }
}

/// A decoded operand, with atoms and literals already resolved to terms.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    U(u64),
    /// An integer constant: a small or a bignum in the literal area.
    Int(Term),
    Atom(Term),
    Nil,
    X(u16),
    Y(u16),
    /// A label number; 0 = none.
    Label(u32),
    FReg(u16),
    /// An allocation list, already converted to words of our layout.
    Alloc(u64),
    Literal(Term),
    /// The trailing `{list}` operand.
    List(Vec<Operand>),
}

/// Registers (X, Y, float) must be below this.
pub const MAX_REG: u64 = 1024;

/// Words a fun takes in an allocation list when its free-variable count is not known.
const FUN_WORDS: u64 = crate::term::fun_size(8) as u64;

/// What operand decoding needs from the module being loaded.
pub struct OperandCtx<'a> {
    /// Module atoms, index 0 unused (index 1 = the module name).
    pub atoms: &'a [Term],
    pub literals: &'a [Term],
    /// Where inline bignums go.
    pub arena: &'a mut Arena,
}

/// Reads one operand; a `{list}` marker reads its elements too (no nesting).
pub fn read_operand(c: &mut Cursor, cx: &mut OperandCtx, in_list: bool) -> DResult<Operand> {
    // Most operands are one byte (value under 16) or two (under 2048): decoded here without
    // the general reader's 128-bit value.
    let at = c.pos();
    let b = c.u8()?;
    let short = match (b & 0x08 == 0, b & 0x10 == 0) {
        (true, _) => Some((b >> 4) as u64),
        (false, true) => Some((((b & 0xE0) as u64) << 3) | c.u8()? as u64),
        _ => None,
    };
    if let Some(w) = short {
        let tag = b & 7;
        match tag {
            TAG_U => return Ok(Operand::U(w)),
            TAG_I => return Ok(Operand::Int(Term::small(w as i64))),
            TAG_X if w < MAX_REG => return Ok(Operand::X(w as u16)),
            TAG_Y if w < MAX_REG => return Ok(Operand::Y(w as u16)),
            TAG_F => return Ok(Operand::Label(w as u32)),
            TAG_A if w == 0 => return Ok(Operand::Nil),
            TAG_A => {
                if let Some(&a) = cx.atoms.get(w as usize) {
                    return Ok(Operand::Atom(a));
                }
            }
            _ => {}
        }
    }
    c.pos = at;
    let (tag, v) = read_raw(c)?;
    let word = |c: &Cursor| match v {
        RawValue::Word(w) => Ok(w),
        RawValue::Big(_) => c.err("operand too large"),
    };
    Ok(match tag {
        TAG_U => Operand::U(word(c)? as u64),
        TAG_I => match &v {
            RawValue::Word(w) => Operand::Int(build::int(cx.arena, *w as i64)),
            RawValue::Big(bytes) => {
                let b = BigInt::from_signed_bytes_be(bytes);
                Operand::Int(build::bigint(cx.arena, &b))
            }
        },
        TAG_A => {
            let i = word(c)? as u64;
            if i == 0 {
                Operand::Nil
            } else {
                match cx.atoms.get(i as usize) {
                    Some(&a) if i > 0 => Operand::Atom(a),
                    _ => return c.err(format!("atom index {i} out of range")),
                }
            }
        }
        TAG_X | TAG_Y => {
            let i = word(c)? as u64;
            if i >= MAX_REG {
                return c.err(format!("register {i} out of range"));
            }
            if tag == TAG_X {
                Operand::X(i as u16)
            } else {
                Operand::Y(i as u16)
            }
        }
        TAG_F => {
            let l = word(c)? as u64;
            if l > u32::MAX as u64 {
                return c.err("label out of range");
            }
            Operand::Label(l as u32)
        }
        TAG_H => return c.err("character operands (h) are not supported"),
        _ => match word(c)? {
            0 => return c.err("obsolete float operand encoding; recompile"),
            1 => {
                if in_list {
                    return c.err("nested list operand");
                }
                let n = read_u(c)?;
                if n > c.remaining() as u64 {
                    return c.err("list operand longer than the chunk");
                }
                let mut items = Vec::with_capacity(n as usize);
                for _ in 0..n {
                    items.push(read_operand(c, cx, true)?);
                }
                Operand::List(items)
            }
            2 => {
                let n = read_u(c)?;
                if n >= MAX_REG {
                    return c.err(format!("float register {n} out of range"));
                }
                Operand::FReg(n as u16)
            }
            3 => {
                let n = read_u(c)?;
                if n > 3 {
                    return c.err("allocation list too long");
                }
                let mut words: u64 = 0;
                for _ in 0..n {
                    let kind = read_u(c)?;
                    let amount = read_u(c)?;
                    let per = match kind {
                        0 => 1,
                        1 => crate::term::FLOAT_SIZE as u64,
                        2 => FUN_WORDS,
                        _ => return c.err(format!("bad allocation kind {kind}")),
                    };
                    words = amount
                        .checked_mul(per)
                        .and_then(|w| w.checked_add(words))
                        .filter(|&w| w <= u32::MAX as u64)
                        .ok_or(DecodeError {
                            offset: c.pos(),
                            message: String::from("allocation too large"),
                        })?;
                }
                Operand::Alloc(words)
            }
            4 => {
                let i = read_u(c)?;
                match cx.literals.get(i as usize) {
                    Some(&t) => Operand::Literal(t),
                    None => return c.err(format!("literal index {i} out of range")),
                }
            }
            5 => {
                let reg = read_operand(c, cx, true)?;
                let _type_index = read_u(c)?;
                match reg {
                    Operand::X(_) | Operand::Y(_) => reg,
                    _ => return c.err("typed register does not hold a register"),
                }
            }
            k => return c.err(format!("unknown extended operand kind {k}")),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(bytes: &[u8]) -> (u8, RawValue) {
        let mut c = Cursor::new(bytes);
        let r = read_raw(&mut c).unwrap();
        assert!(c.at_end(), "all bytes consumed for {bytes:x?}");
        r
    }

    #[test]
    fn reference_encodings() {
        // (value, i-tag bytes, u-tag bytes) from beam-format.md §2.1.
        let table: &[(i64, &[u8], &[u8])] = &[
            (0, &[0x01], &[0x00]),
            (5, &[0x51], &[0x50]),
            (15, &[0xF1], &[0xF0]),
            (16, &[0x09, 0x10], &[0x08, 0x10]),
            (255, &[0x09, 0xFF], &[0x08, 0xFF]),
            (1000, &[0x69, 0xE8], &[0x68, 0xE8]),
            (2047, &[0xE9, 0xFF], &[0xE8, 0xFF]),
            (2048, &[0x19, 0x08, 0x00], &[0x18, 0x08, 0x00]),
            (32768, &[0x39, 0x00, 0x80, 0x00], &[0x38, 0x00, 0x80, 0x00]),
            (70000, &[0x39, 0x01, 0x11, 0x70], &[0x38, 0x01, 0x11, 0x70]),
        ];
        for &(v, i, u) in table {
            assert_eq!(raw(i), (TAG_I, RawValue::Word(v as i128)), "i {v}");
            assert_eq!(raw(u), (TAG_U, RawValue::Word(v as i128)), "u {v}");
        }
        for &(v, i) in &[
            (-1i64, &[0x19u8, 0xFF, 0xFF][..]),
            (-5, &[0x19, 0xFF, 0xFB]),
            (-32768, &[0x19, 0x80, 0x00]),
            (-32769, &[0x39, 0xFF, 0x7F, 0xFF]),
            (
                i64::MAX,
                &[0xD9, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
            ),
        ] {
            assert_eq!(raw(i), (TAG_I, RawValue::Word(v as i128)), "i {v}");
        }
    }

    #[test]
    fn bignum_operands() {
        let mut arena = Arena::new();
        let mut cx = OperandCtx {
            atoms: &[],
            literals: &[],
            arena: &mut arena,
        };
        let two64 = [0xF9u8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0];
        let t = match read_operand(&mut Cursor::new(&two64), &mut cx, false).unwrap() {
            Operand::Int(t) => t,
            o => panic!("{o:?}"),
        };
        assert!(t.is_bignum());
        assert_eq!(t.boxed_words(), &[0, 1]);
        let mut b = alloc::vec![0xF9u8, 0x40, 0x10];
        b.extend_from_slice(&[0; 12]);
        let t = match read_operand(&mut Cursor::new(&b), &mut cx, false).unwrap() {
            Operand::Int(t) => t,
            o => panic!("{o:?}"),
        };
        assert_eq!(t.boxed_words(), &[0, 1 << 36]); // 2^100
        let neg = [0xF9u8, 0x00, 0xC0, 0, 0, 0, 0, 0, 0, 0, 0];
        let t = match read_operand(&mut Cursor::new(&neg), &mut cx, false).unwrap() {
            Operand::Int(t) => t,
            o => panic!("{o:?}"),
        };
        assert_eq!(t.subtag(), Some(crate::term::Subtag::NegBig));
        assert_eq!(t.boxed_words(), &[0, 64]); // -(2^70)
                                               // 2^63-1 does not fit a 60-bit small.
        let big = [0xD9u8, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        match read_operand(&mut Cursor::new(&big), &mut cx, false).unwrap() {
            Operand::Int(t) => assert!(t.is_bignum()),
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn extended_operands() {
        let mut arena = Arena::new();
        let atoms = [Term::NIL, Term::atom(7)];
        let lits = [Term::small(42)];
        let mut cx = OperandCtx {
            atoms: &atoms,
            literals: &lits,
            arena: &mut arena,
        };
        let mut rd = |b: &[u8]| read_operand(&mut Cursor::new(b), &mut cx, false);
        assert_eq!(
            rd(&[0x47, 0x00]).unwrap(),
            Operand::Literal(Term::small(42))
        );
        assert_eq!(rd(&[0x27, 0x30]).unwrap(), Operand::FReg(3));
        assert_eq!(rd(&[0x57, 0x33, 0x10]).unwrap(), Operand::X(3));
        assert_eq!(rd(&[0x12]).unwrap(), Operand::Atom(Term::atom(7)));
        assert_eq!(rd(&[0x02]).unwrap(), Operand::Nil);
        assert_eq!(
            rd(&[0x37, 0x20, 0x00, 0x30, 0x10, 0x20]).unwrap(),
            Operand::Alloc(3 + 2 * 2)
        );
        assert_eq!(
            rd(&[0x17, 0x20, 0x03, 0x02]).unwrap(),
            Operand::List(alloc::vec![Operand::X(0), Operand::Nil])
        );
        assert!(rd(&[0x22]).is_err()); // atom 2 out of range
        assert!(rd(&[0x47, 0x10]).is_err()); // literal 1 out of range
        assert!(rd(&[0x17, 0x10, 0x17, 0x00]).is_err()); // nested list
        assert!(rd(&[0x07]).is_err());
        assert!(rd(&[0x06]).is_err());
        assert!(rd(&[0x1B]).is_err()); // truncated form C
        assert!(rd(&[0x18, 0x04, 0x00]).is_ok()); // u 1024
        assert!(rd(&[0x1B, 0x04, 0x00]).is_err()); // x(1024)
    }
}
