//! Bit syntax: match contexts and binary construction. (Placeholder signatures until the bit
//! syntax work lands.)
#![allow(unused_variables)]

use crate::bif::Exception;
use crate::emulator::instr::{BinFlags, Dst, MatchCmd, SegKind};
use crate::heap::{Alloc, Heap};
use crate::process::BinBuild;
use crate::term::Term;

pub struct SegValue<'a> {
    pub kind: SegKind,
    pub seg_no: u32,
    pub unit: u32,
    pub flags: BinFlags,
    pub value: Term,
    pub size: Option<Term>,
    pub string: &'a [u8],
}

pub fn start_match(h: &mut impl Alloc, t: Term) -> Option<Term> {
    None
}
pub fn position(ctx: Term) -> usize {
    0
}
pub fn set_position(ctx: Term, pos: usize) {}
pub fn remaining(ctx: Term) -> usize {
    0
}
pub fn get_tail(h: &mut impl Alloc, ctx: Term) -> Term {
    Term::NIL
}
pub fn bits_of(size: Term, unit: u32) -> Option<usize> {
    None
}
pub fn get_integer(h: &mut impl Alloc, ctx: Term, bits: usize, flags: BinFlags) -> Option<Term> {
    None
}
pub fn get_float(h: &mut impl Alloc, ctx: Term, bits: usize, flags: BinFlags) -> Option<Term> {
    None
}
pub fn get_binary(h: &mut impl Alloc, ctx: Term, bits: usize) -> Option<Term> {
    None
}
pub fn get_binary_all(h: &mut impl Alloc, ctx: Term, unit: u32) -> Option<Term> {
    None
}
pub fn skip(ctx: Term, bits: usize) -> bool {
    false
}
pub fn skip_all(ctx: Term, unit: u32) -> bool {
    false
}
pub fn test_tail(ctx: Term, bits: usize) -> bool {
    false
}
pub fn test_unit(ctx: Term, unit: u32) -> bool {
    false
}
pub fn match_string(ctx: Term, bits: usize, bytes: &[u8]) -> bool {
    false
}
pub fn get_utf8(ctx: Term) -> Option<u32> {
    None
}
pub fn get_utf16(ctx: Term, flags: BinFlags) -> Option<u32> {
    None
}
pub fn get_utf32(ctx: Term, flags: BinFlags) -> Option<u32> {
    None
}
pub fn run_match_cmds(
    h: &mut impl Alloc,
    ctx: Term,
    cmds: &[MatchCmd],
    write: &mut dyn FnMut(Dst, Term),
) -> bool {
    false
}
pub fn create_bin(h: &mut Heap, segs: &[SegValue]) -> Result<Term, Exception> {
    Err(Exception::badarg())
}
pub fn init_writable(h: &mut Heap) -> Term {
    Term::NIL
}
pub fn init(b: &mut BinBuild, h: &mut Heap, size_bits: usize) -> Term {
    Term::NIL
}
pub fn bs_add(a: Term, b: Term, unit: u32) -> Result<Term, Exception> {
    Err(Exception::badarg())
}
pub fn put_integer(
    b: &mut BinBuild,
    v: Term,
    bits: usize,
    flags: BinFlags,
) -> Result<(), Exception> {
    Err(Exception::badarg())
}
pub fn put_float(b: &mut BinBuild, v: Term, bits: usize, flags: BinFlags) -> Result<(), Exception> {
    Err(Exception::badarg())
}
pub fn put_binary(b: &mut BinBuild, v: Term, bits: Option<usize>) -> Result<(), Exception> {
    Err(Exception::badarg())
}
pub fn put_string(b: &mut BinBuild, s: &[u8]) {}
pub fn append(
    b: &mut BinBuild,
    h: &mut Heap,
    bin: Term,
    extra_bits: usize,
    unit: u32,
) -> Result<Term, Exception> {
    Err(Exception::badarg())
}
pub fn private_append(
    b: &mut BinBuild,
    h: &mut Heap,
    bin: Term,
    extra_bits: usize,
    unit: u32,
) -> Result<Term, Exception> {
    Err(Exception::badarg())
}
pub fn utf8_size(v: Term) -> Term {
    Term::NIL
}
pub fn utf16_size(v: Term) -> Term {
    Term::NIL
}
pub fn put_utf8(b: &mut BinBuild, v: Term) -> Result<(), Exception> {
    Err(Exception::badarg())
}
pub fn put_utf16(b: &mut BinBuild, v: Term, flags: BinFlags) -> Result<(), Exception> {
    Err(Exception::badarg())
}
pub fn put_utf32(b: &mut BinBuild, v: Term) -> Result<(), Exception> {
    Err(Exception::badarg())
}
