//! Printing a term the way `erlang:display/1` does (ERTS's C term printer, `%T`).
//!
//! The C printer is not `io_lib`: floats are `%e` with six decimals, strings are only the lists of
//! Latin-1 printable bytes (written as raw bytes, only `"` and newline escaped), binaries of
//! printable ASCII print as `<<"...">>`, and atom quoting follows the Latin-1 letter classes.
//! Because of the raw Latin-1 bytes the primary output is bytes ([`display_bytes`]).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use super::bits::BitSlice;
use super::{Subtag, Term};
use crate::atom::AtomTable;
use crate::vm::Shared;

/// The text `erlang:display/1` prints for `t` (without the trailing newline). Bytes that are not
/// UTF-8 (Latin-1 characters of printable strings) are decoded as Latin-1.
pub fn display(t: Term, vm: &Shared) -> String {
    let bytes = display_bytes(t, vm);
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => latin1_lossy(e.as_bytes()),
    }
}

/// The exact bytes `erlang:display/1` writes for `t` (without the trailing newline).
pub fn display_bytes(t: Term, vm: &Shared) -> Vec<u8> {
    let mut p = Printer {
        out: Vec::new(),
        vm,
    };
    p.print(t);
    p.out
}

/// Decodes valid UTF-8 runs as UTF-8 and any other byte as a Latin-1 character.
fn latin1_lossy(mut b: &[u8]) -> String {
    let mut s = String::new();
    while !b.is_empty() {
        match core::str::from_utf8(b) {
            Ok(v) => {
                s.push_str(v);
                break;
            }
            Err(e) => {
                let ok = e.valid_up_to();
                // The prefix was just validated.
                s.push_str(core::str::from_utf8(&b[..ok]).unwrap_or(""));
                s.push(char::from(b[ok]));
                b = &b[ok + 1..];
            }
        }
    }
    s
}

/// Work items of the explicit stack (deep lists and tuples must not recurse in Rust).
enum Item {
    Term(Term),
    /// The rest of a list after an element was printed: `,elem...`, `|tail` or `]`.
    ListRest(Term),
    Str(&'static str),
}

struct Printer<'a> {
    out: Vec<u8>,
    vm: &'a Shared,
}

impl Printer<'_> {
    fn s(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    fn num(&mut self, v: impl core::fmt::Display) {
        let mut s = String::new();
        let _ = write!(s, "{v}");
        self.s(&s);
    }

    fn print(&mut self, t: Term) {
        let mut stack: Vec<Item> = alloc::vec![Item::Term(t)];
        while let Some(item) = stack.pop() {
            match item {
                Item::Str(s) => self.s(s),
                Item::ListRest(rest) => {
                    if rest.is_nil() {
                        self.s("]");
                    } else if let Some((h, tl)) = rest.cons() {
                        self.s(",");
                        stack.push(Item::ListRest(tl));
                        stack.push(Item::Term(h));
                    } else {
                        self.s("|");
                        stack.push(Item::Str("]"));
                        stack.push(Item::Term(rest));
                    }
                }
                Item::Term(t) => self.term(t, &mut stack),
            }
        }
    }

    fn term(&mut self, t: Term, stack: &mut Vec<Item>) {
        if t.is_non_value() {
            self.s("<TNV>");
        } else if let Some(v) = t.as_small() {
            self.num(v);
        } else if t.is_atom() {
            print_atom(&mut self.out, &self.vm.atoms, t);
        } else if t.is_nil() {
            self.s("[]");
        } else if t.is_local_pid() {
            self.s("<0.");
            self.num(t.pid_index());
            self.s(".");
            self.num(t.pid_serial());
            self.s(">");
        } else if t.is_local_port() {
            self.s("#Port<0.");
            self.num(t.pid_number());
            self.s(">");
        } else if let Some((h, tl)) = t.cons() {
            if let Some(bytes) = printable_string(t) {
                self.out.push(b'"');
                for c in bytes {
                    match c {
                        b'\n' => self.s("\\n"),
                        b'"' => self.s("\\\""),
                        _ => self.out.push(c),
                    }
                }
                self.out.push(b'"');
            } else {
                self.s("[");
                stack.push(Item::ListRest(tl));
                stack.push(Item::Term(h));
            }
        } else if t.is_boxed() {
            self.boxed(t, stack);
        } else {
            self.s("<unknown>");
        }
    }

    fn boxed(&mut self, t: Term, stack: &mut Vec<Item>) {
        let Some(sub) = t.subtag() else {
            self.s("<unknown>");
            return;
        };
        match sub {
            Subtag::Tuple => {
                let el = t.tuple().unwrap_or(&[]);
                self.s("{");
                stack.push(Item::Str("}"));
                for (i, &e) in el.iter().enumerate().rev() {
                    stack.push(Item::Term(e));
                    if i > 0 {
                        stack.push(Item::Str(","));
                    }
                }
            }
            Subtag::PosBig | Subtag::NegBig => match super::number::to_bigint(t) {
                Some(b) => self.num(b),
                None => self.s("<bad bignum>"),
            },
            Subtag::Float => {
                let f = t.as_float().unwrap_or(0.0);
                let s = crate::term::float_fmt::display_float(f);
                self.s(&s);
            }
            Subtag::Ref => {
                let w = t.boxed_words();
                let (n0, n1, n2) = (w[0] as u32, (w[0] >> 32) as u32, w[1] as u32);
                self.s("#Ref<0.");
                self.num(n2);
                self.s(".");
                self.num(n1);
                self.s(".");
                self.num(n0);
                self.s(">");
            }
            Subtag::Fun => self.local_fun(t),
            Subtag::Export => {
                let w = t.boxed_terms();
                self.s("fun ");
                print_atom(&mut self.out, &self.vm.atoms, w[0]);
                self.s(":");
                print_atom(&mut self.out, &self.vm.atoms, w[1]);
                self.s("/");
                self.num(w[2].small_value());
            }
            Subtag::HeapBin | Subtag::RefcBin | Subtag::SubBin => {
                if let Some(bs) = BitSlice::of(t) {
                    self.bitstring(&bs);
                }
            }
            Subtag::Map => {
                let w = t.boxed_terms();
                let keys = w[1].tuple().unwrap_or(&[]);
                let vals = &w[2..];
                self.s("#{");
                stack.push(Item::Str("}"));
                for i in (0..keys.len()).rev() {
                    stack.push(Item::Term(vals[i]));
                    stack.push(Item::Str("=>"));
                    stack.push(Item::Term(keys[i]));
                    if i > 0 {
                        stack.push(Item::Str(","));
                    }
                }
            }
            Subtag::HashMap => {
                // ERTS prints the trie itself: `#<bitmap>{...}` for the head, `<bitmap>{...}` for
                // inner nodes, and each leaf as its `[K|V]` cell.
                if let Some((head, bitmap, kids)) = crate::term::map::hashmap_node(&t) {
                    let prefix = if head { "#<" } else { "<" };
                    self.s(prefix);
                    self.s(&alloc::format!("{bitmap:x}"));
                    self.s(">{");
                    stack.push(Item::Str("}"));
                    for (i, &c) in kids.iter().enumerate().rev() {
                        stack.push(Item::Term(c));
                        if i > 0 {
                            stack.push(Item::Str(","));
                        }
                    }
                }
            }
            Subtag::MatchState => self.s("#MatchState"),
            Subtag::ExternalPid | Subtag::ExternalPort | Subtag::ExternalRef => {
                self.s("<external>")
            }
        }
    }

    fn local_fun(&mut self, t: Term) {
        let w = t.boxed_words();
        let code_id = (w[0] >> 32) as u32;
        let fun_index = (w[0] & 0xFFFF_FFFF) as usize;
        let code = self.vm.code.try_get(code_id);
        match code.and_then(|c| c.funs.get(fun_index).map(|f| (c.module, f))) {
            Some((m, fe)) => {
                self.s("#Fun<");
                // ERTS writes the module name unquoted here.
                let name = self.vm.atoms.name(m);
                self.out.extend_from_slice(name.as_bytes());
                self.s(".");
                self.num(fe.index as i32);
                self.s(".");
                self.num(fe.old_uniq as i32);
                self.s(">");
            }
            None => self.s("#Fun<unknown>"),
        }
    }

    fn bitstring(&mut self, bs: &BitSlice) {
        let nbytes = bs.byte_len();
        let rest = bs.bit_len % 8;
        let printable =
            rest == 0 && nbytes > 0 && (0..nbytes).all(|i| (32..127).contains(&bs.byte(i)));
        if printable {
            self.s("<<\"");
            for i in 0..nbytes {
                let c = bs.byte(i);
                if c == b'"' {
                    self.out.push(b'\\');
                }
                self.out.push(c);
            }
            self.s("\">>");
            return;
        }
        self.s("<<");
        for i in 0..nbytes {
            if i > 0 {
                self.s(",");
            }
            self.num(bs.byte(i));
        }
        if rest != 0 {
            if nbytes > 0 {
                self.s(",");
            }
            self.num(bs.read_bits(nbytes * 8, rest));
            self.s(":");
            self.num(rest);
        }
        self.s(">>");
    }
}

/// The bytes of a non-empty proper list of Latin-1 characters that the C printer considers
/// printable (no control characters other than space, `\n`, `\t`, `\r`); `None` otherwise.
fn printable_string(t: Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut it = t.list_iter();
    for h in it.by_ref() {
        let c = h.as_small()?;
        if !(0..=255).contains(&c) {
            return None;
        }
        let c = c as u8;
        let cntrl = c < b' ' || c == 127 || (128..160).contains(&c);
        let space = matches!(c, b' ' | b'\n' | b'\t' | b'\r');
        if cntrl && !space {
            return None;
        }
        out.push(c);
    }
    if it.tail().is_nil() && !out.is_empty() {
        Some(out)
    } else {
        None
    }
}

/// Latin-1 lowercase letter, as the C printer's `IS_LOWER`.
fn is_lower(c: u32) -> bool {
    (b'a' as u32..=b'z' as u32).contains(&c) || ((223..=255).contains(&c) && c != 247)
}

fn is_upper(c: u32) -> bool {
    (b'A' as u32..=b'Z' as u32).contains(&c) || ((192..=222).contains(&c) && c != 215)
}

fn is_alnum(c: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&c) || is_lower(c) || is_upper(c)
}

/// The Latin-1 value of the UTF-8 byte `c1` followed by `c2`, as the C printer classifies it:
/// continuation bytes count as a letter, 3- and 4-byte sequences as needing quotes.
fn latin1_char(c1: u8, c2: u8) -> u32 {
    if c1 & 0x80 == 0 {
        c1 as u32
    } else if c1 & 0xE0 == 0xC0 {
        ((c1 as u32 & 0x1F) << 6) | (c2 as u32 & 0x3F)
    } else if c1 & 0xC0 == 0x80 {
        b'a' as u32
    } else {
        0
    }
}

/// Whether the C printer would quote an atom with this UTF-8 text.
pub fn atom_needs_quotes(s: &[u8]) -> bool {
    if s.is_empty() {
        return true;
    }
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    if !is_lower(latin1_char(s[0], at(1))) {
        return true;
    }
    (1..s.len()).any(|i| {
        let lc = latin1_char(s[i], at(i + 1));
        !is_alnum(lc) && lc != b'_' as u32
    })
}

/// Writes an atom the way the C printer does (quoted when needed, control characters escaped).
pub fn print_atom(out: &mut Vec<u8>, atoms: &AtomTable, a: Term) {
    let s = atoms.name(a).as_bytes();
    if s.is_empty() {
        out.extend_from_slice(b"''");
        return;
    }
    let quote = atom_needs_quotes(s);
    if quote {
        out.push(b'\'');
    }
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        match c {
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0B => out.extend_from_slice(b"\\v"),
            c if c < b' ' => octal(out, c),
            c if c >= 0x80 => {
                let n = if c & 0xE0 == 0xC0 {
                    2
                } else if c & 0xF0 == 0xE0 {
                    3
                } else {
                    4
                };
                let next = s.get(i).copied().unwrap_or(0);
                if c == 0xC2 && next < 0xA0 {
                    octal(out, next);
                    i += 1;
                } else {
                    let end = (i - 1 + n).min(s.len());
                    out.extend_from_slice(&s[i - 1..end]);
                    i = end;
                }
            }
            c => out.push(c),
        }
    }
    if quote {
        out.push(b'\'');
    }
}

/// `\ooo`: a backslash and three octal digits.
fn octal(out: &mut Vec<u8>, c: u8) {
    out.push(b'\\');
    out.push(b'0' + (c >> 6));
    out.push(b'0' + ((c >> 3) & 7));
    out.push(b'0' + (c & 7));
}

#[cfg(test)]
mod tests;
