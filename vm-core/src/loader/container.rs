//! The IFF container (`FOR1`/`BEAM`) and the table chunks: atoms, imports, exports, funs,
//! literals, lines; plus the module MD5.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use md5::{Digest, Md5};

use super::compact::{read_raw, read_u, Cursor, DResult, RawValue, TAG_A, TAG_I};

/// One chunk: its id, payload, and the payload's offset in the file.
#[derive(Clone, Copy)]
pub struct Chunk<'a> {
    pub id: [u8; 4],
    pub data: &'a [u8],
    pub offset: usize,
}

/// Splits a `.beam` file into chunks. Errors carry file offsets.
pub fn chunks(bytes: &[u8]) -> DResult<Vec<Chunk<'_>>> {
    let mut c = Cursor::new(bytes);
    if c.take(4)? != b"FOR1" {
        return c.err("not a BEAM file (no FOR1 header)");
    }
    let form_size = c.u32()? as usize;
    if c.take(4)? != b"BEAM" {
        return c.err("not a BEAM file (form type is not BEAM)");
    }
    // Some writers put the file length here; accept anything that fits in the file.
    let end = form_size.saturating_add(8).min(bytes.len());
    let body = &bytes[..end];
    let mut c = Cursor::new(body);
    c.take(12)?;
    let mut out = Vec::new();
    while c.remaining() >= 8 {
        let idb = c.take(4)?;
        let id = [idb[0], idb[1], idb[2], idb[3]];
        let size = c.u32()? as usize;
        let offset = c.pos();
        if size > c.remaining() {
            return c.err(format!(
                "chunk {} of {size} bytes runs past the end of the file",
                chunk_name(&id)
            ));
        }
        let data = c.take(size)?;
        let pad = (4 - size % 4) % 4;
        c.take(pad.min(c.remaining()))?;
        out.push(Chunk { id, data, offset });
    }
    Ok(out)
}

pub fn chunk_name(id: &[u8; 4]) -> String {
    id.iter()
        .map(|&b| if b.is_ascii_graphic() { b as char } else { '?' })
        .collect()
}

/// `AtU8`: the atom names (index 0 of the result = atom 1), in both length encodings.
pub fn atoms(data: &[u8]) -> DResult<Vec<&str>> {
    let mut c = Cursor::new(data);
    let count = c.i32()?;
    let compact = count < 0;
    let n = count.unsigned_abs() as usize;
    if n > c.remaining() {
        return c.err("atom count larger than the chunk");
    }
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let len = if compact {
            read_u(&mut c)? as usize
        } else {
            c.u8()? as usize
        };
        let at = c.pos();
        let b = c.take(len)?;
        let s = match core::str::from_utf8(b) {
            Ok(s) => s,
            Err(_) => return Err(err_at(at, "atom is not valid UTF-8")),
        };
        if s.chars().count() > crate::atom::MAX_ATOM_CHARS {
            return Err(err_at(at, "atom too long"));
        }
        out.push(s);
    }
    if out.is_empty() {
        return c.err("empty atom table");
    }
    Ok(out)
}

fn err_at(offset: usize, m: &str) -> super::compact::DecodeError {
    super::compact::DecodeError {
        offset,
        message: String::from(m),
    }
}

/// A table of `u32` triples with a count (`ImpT`, `ExpT`, `LocT`).
pub fn triples(data: &[u8]) -> DResult<Vec<[u32; 3]>> {
    rows::<3>(data)
}

/// `FunT`: `[function, arity, label, index, num_free, old_uniq]` rows.
pub fn funs(data: &[u8]) -> DResult<Vec<[u32; 6]>> {
    rows::<6>(data)
}

fn rows<const N: usize>(data: &[u8]) -> DResult<Vec<[u32; N]>> {
    let mut c = Cursor::new(data);
    let n = c.u32()? as usize;
    if n > c.remaining() / (4 * N) {
        return c.err("table count larger than the chunk");
    }
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut r = [0u32; N];
        for x in r.iter_mut() {
            *x = c.u32()?;
        }
        out.push(r);
    }
    Ok(out)
}

/// Upper bound on an inflated literal table (protects against absurd size words).
const MAX_LITERAL_TABLE: usize = 1 << 30;

/// `LitT`: the external-format bytes of each literal (both the compressed and OTP 28 forms).
pub fn literal_table(data: &[u8]) -> DResult<Vec<Vec<u8>>> {
    let mut c = Cursor::new(data);
    let size = c.u32()? as usize;
    let owned;
    let table: &[u8] = if size == 0 {
        c.rest()
    } else {
        if size > MAX_LITERAL_TABLE {
            return c.err("literal table too large");
        }
        let z = c.rest();
        owned = match miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(z, size) {
            Ok(v) => v,
            Err(_) => return Err(err_at(4, "literal table does not inflate")),
        };
        if owned.len() != size {
            return Err(err_at(0, "literal table size mismatch"));
        }
        &owned
    };
    let mut c = Cursor::new(table);
    let n = c.u32()? as usize;
    if n > c.remaining() / 4 {
        return c.err("literal count larger than the table");
    }
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let len = c.u32()? as usize;
        out.push(c.take(len)?.to_vec());
    }
    Ok(out)
}

/// The `Line` chunk decoded: items (file index, line), 1-based with item 0 = none; file names.
pub struct Lines {
    pub items: Vec<(u32, u32)>,
    pub names: Vec<String>,
}

pub fn lines(data: &[u8]) -> DResult<Option<Lines>> {
    let mut c = Cursor::new(data);
    let version = c.u32()?;
    if version != 0 {
        return Ok(None);
    }
    let _flags = c.u32()?;
    let _instr_count = c.u32()?;
    let item_count = c.u32()? as usize;
    let name_count = c.u32()? as usize;
    if item_count > c.remaining() || name_count > c.remaining() / 2 {
        return c.err("line table counts larger than the chunk");
    }
    let mut items = Vec::with_capacity(item_count + 1);
    items.push((0, 0));
    let mut file = 0u32;
    while items.len() <= item_count {
        match read_raw(&mut c)? {
            (TAG_A, RawValue::Word(f)) => {
                if f as u64 > name_count as u64 {
                    return c.err("line table file index out of range");
                }
                file = f as u32;
            }
            (TAG_I, RawValue::Word(l)) if (0..=u32::MAX as i128).contains(&l) => {
                items.push((file, l as u32))
            }
            _ => return c.err("bad line table item"),
        }
    }
    let mut names = Vec::with_capacity(name_count);
    for _ in 0..name_count {
        let len = c.u16()? as usize;
        let b = c.take(len)?;
        names.push(String::from_utf8_lossy(b).into_owned());
    }
    Ok(Some(Lines { items, names }))
}

/// The module MD5 (`module_info(md5)`, the fun `Uniq`): §1.5.
pub fn module_md5(chunks: &[Chunk]) -> [u8; 16] {
    let mut h = Md5::new();
    for id in [
        b"AtU8", b"Code", b"StrT", b"ImpT", b"ExpT", b"FunT", b"LitT", b"Meta",
    ] {
        let Some(ch) = chunks.iter().find(|c| &c.id == id) else {
            continue;
        };
        if id == b"FunT" {
            // OldUniq words are zeroed: the hash must not depend on them.
            let mut v = ch.data.to_vec();
            let mut at = 4 + 20;
            while at + 4 <= v.len() {
                v[at..at + 4].fill(0);
                at += 24;
            }
            h.update(&v);
        } else {
            h.update(ch.data);
        }
    }
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_atom_table_forms() {
        // OTP <= 27: positive count, byte lengths.
        let old = [0, 0, 0, 2, 1, b't', 3, b'a', b'b', b'c'];
        assert_eq!(atoms(&old).unwrap(), ["t", "abc"]);
        // OTP 28: negative count, compact lengths.
        let new = [0xFF, 0xFF, 0xFF, 0xFE, 0x10, b't', 0x30, b'a', b'b', b'c'];
        assert_eq!(atoms(&new).unwrap(), ["t", "abc"]);
        assert!(atoms(&[0, 0, 0, 1, 5, b'x']).is_err());
        assert!(atoms(&[0x7F, 0, 0, 1]).is_err());
    }

    #[test]
    fn literal_table_forms() {
        let table = [0u8, 0, 0, 1, 0, 0, 0, 2, 131, 106];
        let mut plain = alloc::vec![0u8, 0, 0, 0];
        plain.extend_from_slice(&table);
        assert_eq!(literal_table(&plain).unwrap(), [alloc::vec![131u8, 106]]);
        let z = miniz_oxide::deflate::compress_to_vec_zlib(&table, 6);
        let mut comp = (table.len() as u32).to_be_bytes().to_vec();
        comp.extend_from_slice(&z);
        assert_eq!(literal_table(&comp).unwrap(), [alloc::vec![131u8, 106]]);
        comp[3] += 1;
        assert!(literal_table(&comp).is_err());
    }

    #[test]
    fn container_framing() {
        assert!(chunks(b"FOR2").is_err());
        let mut f = b"FOR1\0\0\0\x10BEAMAtU8\0\0\0\x01x\0\0\0".to_vec();
        let cs = chunks(&f).unwrap();
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0].data, b"x");
        f[15 + 4] = 200; // chunk size past the end
        assert!(chunks(&f).is_err());
    }
}
