//! Translation of the bit-syntax instructions: matching (`bs_start_match*`, `bs_get_*`,
//! `bs_match`), OTP 25+ construction (`bs_create_bin`) and the OTP 24 construction family.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::compact::Operand;
use super::translate::{
    atom, bin_size, dst, flags_list, flags_mask, heap, list, live, small, src, uint, Env, TResult,
};
use crate::atom as am;
use crate::emulator::instr::{BinSize, Instr, MatchCmd, SegKind, Segment, Src, NO_LABEL};
use crate::term::Term;

pub fn translate_bs(env: &mut Env, op: u8, a: &[Operand]) -> TResult<Instr> {
    use Instr as I;
    Ok(match op {
        166 => I::BsStartMatch {
            fail: env.label(&a[0])?,
            src: src(&a[1])?,
            live: live(&a[2])?,
            dst: dst(&a[3])?,
        },
        170 => I::BsStartMatch {
            fail: match a[0] {
                Operand::Atom(am::NO_FAIL) | Operand::Atom(am::RESUME) => NO_LABEL,
                _ => env.label(&a[0])?,
            },
            live: live(&a[1])?,
            src: src(&a[2])?,
            dst: dst(&a[3])?,
        },
        167 => I::BsGetPosition {
            ctx: src(&a[0])?,
            dst: dst(&a[1])?,
        },
        168 => I::BsSetPosition {
            ctx: src(&a[0])?,
            pos: src(&a[1])?,
        },
        165 => I::BsGetTail {
            ctx: src(&a[0])?,
            dst: dst(&a[1])?,
            live: live(&a[2])?,
        },
        121 => I::BsTestTail {
            fail: env.label(&a[0])?,
            ctx: src(&a[1])?,
            bits: uint(&a[2])?,
        },
        131 => I::BsTestUnit {
            fail: env.label(&a[0])?,
            ctx: src(&a[1])?,
            unit: small(&a[2])?,
        },
        120 => {
            flags_mask(&a[4])?;
            I::BsSkipBits {
                fail: env.label(&a[0])?,
                ctx: src(&a[1])?,
                size: bin_size(&a[2])?,
                unit: small(&a[3])?,
            }
        }
        117 | 118 => {
            let (fail, ctx, l, size, unit, flags, d) = (
                env.label(&a[0])?,
                src(&a[1])?,
                live(&a[2])?,
                src(&a[3])?,
                small(&a[4])?,
                flags_mask(&a[5])?,
                dst(&a[6])?,
            );
            if op == 117 {
                I::BsGetInteger {
                    fail,
                    ctx,
                    live: l,
                    size,
                    unit,
                    flags,
                    dst: d,
                }
            } else {
                I::BsGetFloat {
                    fail,
                    ctx,
                    live: l,
                    size,
                    unit,
                    flags,
                    dst: d,
                }
            }
        }
        119 => {
            flags_mask(&a[5])?;
            I::BsGetBinary {
                fail: env.label(&a[0])?,
                ctx: src(&a[1])?,
                live: live(&a[2])?,
                size: bin_size(&a[3])?,
                unit: small(&a[4])?,
                dst: dst(&a[6])?,
            }
        }
        132 => {
            let bits = uint(&a[2])?;
            let offset = uint(&a[3])?;
            env.string_range(offset, bits.div_ceil(8))?;
            I::BsMatchString {
                fail: env.label(&a[0])?,
                ctx: src(&a[1])?,
                bits: small(&a[2])?,
                offset: offset as u32,
            }
        }
        138..=143 => {
            let fail = env.label(&a[0])?;
            let ctx = src(&a[1])?;
            live(&a[2])?;
            let flags = flags_mask(&a[3])?;
            let d = if op % 2 == 0 { Some(dst(&a[4])?) } else { None };
            match op {
                138 | 139 => I::BsGetUtf8 { fail, ctx, dst: d },
                140 | 141 => I::BsGetUtf16 {
                    fail,
                    ctx,
                    flags,
                    dst: d,
                },
                _ => I::BsGetUtf32 {
                    fail,
                    ctx,
                    flags,
                    dst: d,
                },
            }
        }
        182 => I::BsMatch {
            fail: env.label(&a[0])?,
            ctx: src(&a[1])?,
            cmds: match_cmds(env, list(&a[2])?)?.into(),
        },
        177 => {
            let fail = env.fail(&a[0])?;
            heap(&a[1])?;
            let l = live(&a[2])?;
            small::<u32>(&a[3])?;
            let d = dst(&a[4])?;
            let segments = segments(env, list(&a[5])?)?;
            I::BsCreateBin {
                fail,
                live: l,
                dst: d,
                segments: segments.into(),
            }
        }
        133 => I::BsInitWritable,
        109 | 137 => {
            heap(&a[2])?;
            flags_mask(&a[4])?;
            I::BsInit {
                fail: env.fail(&a[0])?,
                size: src(&a[1])?,
                bits: op == 137,
                live: live(&a[3])?,
                dst: dst(&a[5])?,
            }
        }
        111 => I::BsAdd {
            fail: env.fail(&a[0])?,
            a: src(&a[1])?,
            b: src(&a[2])?,
            unit: small(&a[3])?,
            dst: dst(&a[4])?,
        },
        89 | 91 => {
            let (fail, size, unit, flags, s) = (
                env.fail(&a[0])?,
                src(&a[1])?,
                small(&a[2])?,
                flags_mask(&a[3])?,
                src(&a[4])?,
            );
            if op == 89 {
                I::BsPutInteger {
                    fail,
                    size,
                    unit,
                    flags,
                    src: s,
                }
            } else {
                I::BsPutFloat {
                    fail,
                    size,
                    unit,
                    flags,
                    src: s,
                }
            }
        }
        90 => {
            flags_mask(&a[3])?;
            I::BsPutBinary {
                fail: env.fail(&a[0])?,
                size: bin_size(&a[1])?,
                unit: small(&a[2])?,
                src: src(&a[4])?,
            }
        }
        92 => {
            let (len, offset) = (uint(&a[0])?, uint(&a[1])?);
            env.string_range(offset, len)?;
            I::BsPutString {
                len: len as u32,
                offset: offset as u32,
            }
        }
        134 => {
            small::<u32>(&a[2])?;
            flags_mask(&a[6])?;
            I::BsAppend {
                fail: env.fail(&a[0])?,
                size: src(&a[1])?,
                live: live(&a[3])?,
                unit: small(&a[4])?,
                bin: src(&a[5])?,
                dst: dst(&a[7])?,
            }
        }
        135 => {
            flags_mask(&a[4])?;
            I::BsPrivateAppend {
                fail: env.fail(&a[0])?,
                size: src(&a[1])?,
                unit: small(&a[2])?,
                bin: src(&a[3])?,
                dst: dst(&a[5])?,
            }
        }
        144 | 146 => {
            env.fail(&a[0])?;
            let (s, d) = (src(&a[1])?, dst(&a[2])?);
            if op == 144 {
                I::BsUtf8Size { src: s, dst: d }
            } else {
                I::BsUtf16Size { src: s, dst: d }
            }
        }
        145 | 147 | 148 => {
            let fail = env.fail(&a[0])?;
            let flags = flags_mask(&a[1])?;
            let s = src(&a[2])?;
            match op {
                145 => I::BsPutUtf8 { fail, src: s },
                147 => I::BsPutUtf16 {
                    fail,
                    flags,
                    src: s,
                },
                _ => I::BsPutUtf32 {
                    fail,
                    flags,
                    src: s,
                },
            }
        }
        _ => {
            let name = super::opcodes::OPCODES
                .get(op as usize)
                .map(|e| e.0)
                .unwrap_or("?");
            return Err(format!("opcode {op} ({name}) is not supported"));
        }
    })
}

/// The 6-operand segments of `bs_create_bin`.
fn segments(env: &mut Env, l: &[Operand]) -> TResult<Vec<Segment>> {
    if l.len() % 6 != 0 {
        return Err(String::from(
            "bs_create_bin segment list is not a multiple of 6",
        ));
    }
    let mut out = Vec::with_capacity(l.len() / 6);
    for (i, s) in l.chunks_exact(6).enumerate() {
        let kind = match atom(&s[0])? {
            am::INTEGER => SegKind::Integer,
            am::FLOAT => SegKind::Float,
            am::BINARY => SegKind::Binary,
            am::STRING => SegKind::String,
            am::UTF8 => SegKind::Utf8,
            am::UTF16 => SegKind::Utf16,
            am::UTF32 => SegKind::Utf32,
            am::APPEND => SegKind::Append,
            am::PRIVATE_APPEND => SegKind::PrivateAppend,
            _ => return Err(String::from("unknown bs_create_bin segment type")),
        };
        if matches!(kind, SegKind::Append | SegKind::PrivateAppend) && i != 0 {
            return Err(String::from("append segment not first"));
        }
        let seg_no = small(&s[1])?;
        let unit = small(&s[2])?;
        let flags = flags_list(&s[3])?;
        let (value, size) = match kind {
            SegKind::String => {
                let offset = uint(&s[4])?;
                let len = uint(&s[5])?;
                env.string_range(offset, len)?;
                (
                    Src::Imm(Term::small(offset as i64)),
                    BinSize::Src(Src::Imm(Term::small(len as i64))),
                )
            }
            SegKind::Utf8 | SegKind::Utf16 | SegKind::Utf32 => (src(&s[4])?, BinSize::All),
            _ => {
                let size = match s[5] {
                    Operand::Atom(am::ALL) => BinSize::All,
                    Operand::Atom(_) => return Err(String::from("bad segment size")),
                    _ => BinSize::Src(src(&s[5])?),
                };
                (src(&s[4])?, size)
            }
        };
        out.push(Segment {
            kind,
            seg_no,
            unit,
            flags,
            value,
            size,
        });
    }
    Ok(out)
}

/// The sub-commands of `bs_match`; unknown ones reject the file.
fn match_cmds(env: &mut Env, l: &[Operand]) -> TResult<Vec<MatchCmd>> {
    let mut out = Vec::new();
    let mut i = 0;
    let arg = |i: usize| {
        l.get(i)
            .ok_or_else(|| String::from("truncated bs_match command"))
    };
    while i < l.len() {
        let cmd = atom(&l[i])?;
        let (c, n) = match cmd {
            am::ENSURE_AT_LEAST => (
                MatchCmd::EnsureAtLeast {
                    stride: small(arg(i + 1)?)?,
                    unit: small(arg(i + 2)?)?,
                },
                3,
            ),
            am::ENSURE_EXACTLY => (
                MatchCmd::EnsureExactly {
                    stride: small(arg(i + 1)?)?,
                },
                2,
            ),
            am::INTEGER | am::BINARY => {
                live(arg(i + 1)?)?;
                let flags = flags_list(arg(i + 2)?)?;
                let size = small(arg(i + 3)?)?;
                let unit = small(arg(i + 4)?)?;
                let d = dst(arg(i + 5)?)?;
                let c = if cmd == am::INTEGER {
                    MatchCmd::Integer {
                        flags,
                        size,
                        unit,
                        dst: d,
                    }
                } else {
                    MatchCmd::Binary { size, unit, dst: d }
                };
                (c, 6)
            }
            am::SKIP => (
                MatchCmd::Skip {
                    stride: small(arg(i + 1)?)?,
                },
                2,
            ),
            am::GET_TAIL => {
                live(arg(i + 1)?)?;
                small::<u32>(arg(i + 2)?)?;
                (
                    MatchCmd::GetTail {
                        dst: dst(arg(i + 3)?)?,
                    },
                    4,
                )
            }
            am::EQ_EXACT => {
                let size = small(arg(i + 2)?)?;
                let value = env.int_term(arg(i + 3)?)?;
                (MatchCmd::EqExact { size, value }, 4)
            }
            _ => return Err(String::from("unknown bs_match sub-command")),
        };
        out.push(c);
        i += n;
    }
    Ok(out)
}
