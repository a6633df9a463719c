//! `lantern pack`: writes a bundle (`lantern_core::pack`) holding a program's modules and the
//! closure of everything they call, so a page (or `lantern run --no-otp -pa X.lpk`) needs no
//! OTP installation.
//!
//! The closure follows what a module names statically: its imports (`ImpT`) and the
//! `fun M:F/A` values among its literals; in the program's own modules also every atom that
//! names one of its modules (callback modules, child specs, Elixir structs); and for an Elixir
//! protocol, its implementations (found by name at run time). Calls through a module held in
//! a variable stay invisible: `--boot` covers the system processes' by booting a VM and taking
//! what it really loaded, `--include` covers the rest.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lantern_core::loader::container;
use lantern_core::Vm;

use crate::host::{self, CliHost, CodePath, PathEntry};

struct Opts {
    out: Option<PathBuf>,
    compress: bool,
    pa: Vec<PathBuf>,
    otp_root: Option<PathBuf>,
    elixir: bool,
    boot: bool,
    include: Vec<String>,
    exclude: BTreeSet<String>,
    list: bool,
    strip: bool,
    follow: bool,
    inputs: Vec<String>,
}

fn parse(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        out: None,
        compress: true,
        pa: Vec::new(),
        otp_root: None,
        elixir: false,
        boot: false,
        include: Vec::new(),
        exclude: BTreeSet::new(),
        list: false,
        strip: true,
        follow: true,
        inputs: Vec::new(),
    };
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let mut value = |what: &str| -> Result<String, String> {
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| format!("{what} needs a value"))
        };
        match a {
            "-o" => o.out = Some(PathBuf::from(value("-o")?)),
            "--no-compress" => o.compress = false,
            "-pa" => o.pa.push(PathBuf::from(value("-pa")?)),
            "--otp-root" => o.otp_root = Some(PathBuf::from(value("--otp-root")?)),
            "--elixir" => o.elixir = true,
            "--boot" => o.boot = true,
            "--include" => o.include.push(value("--include")?),
            "--exclude" => {
                o.exclude.insert(value("--exclude")?);
            }
            "--list" => o.list = true,
            "--no-strip" => o.strip = false,
            "--no-deps" => o.follow = false,
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("unknown option {s} (see lantern --help)"))
            }
            s => o.inputs.push(s.to_string()),
        }
        i += 1;
    }
    if o.inputs.is_empty() && !o.boot && o.include.is_empty() {
        return Err("nothing to pack: give INPUT files, directories or modules".into());
    }
    if o.out.is_none() && !o.list {
        return Err("pack needs -o OUT.lpk (or --list)".into());
    }
    Ok(o)
}

/// A chosen module: its bytes and where they came from.
struct Module {
    bytes: Vec<u8>,
    source: PathBuf,
    /// The module that first named it (for `--list`: why it is in).
    via: String,
}

/// What the INPUT arguments name.
#[derive(Default)]
struct Inputs {
    /// Modules read from INPUT files and directories, by module name.
    files: BTreeMap<String, Module>,
    /// Their names, in command-line order.
    order: Vec<String>,
    /// Directories holding them: searched too (after -pa), for the helpers next to them.
    dirs: Vec<PathBuf>,
    /// INPUTs that are module names, to find on the code path.
    names: Vec<String>,
}

fn inputs(args: &[String]) -> Result<Inputs, String> {
    let mut ins = Inputs::default();
    for input in args {
        let p = Path::new(input);
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("cannot read {input}: {e}"))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "beam"))
                .collect();
            files.sort();
            for f in files {
                ins.add_file(&f)?;
            }
            ins.dirs.push(p.to_path_buf());
        } else if p.is_file() || input.ends_with(".beam") {
            ins.add_file(p)?;
            let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
            ins.dirs.push(dir.unwrap_or(Path::new(".")).to_path_buf());
        } else {
            ins.names.push(input.clone());
        }
    }
    Ok(ins)
}

impl Inputs {
    /// Adds one `.beam` file, named by the module inside it (not by the file name).
    fn add_file(&mut self, f: &Path) -> Result<(), String> {
        let bytes = std::fs::read(f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
        let name = refs(&bytes)
            .map_err(|e| format!("{}: {e}", f.display()))?
            .module;
        if let Some(old) = self.files.get(&name) {
            if old.bytes != bytes {
                return Err(format!(
                    "module {name} is given twice, different in {} and {}",
                    old.source.display(),
                    f.display()
                ));
            }
            return Ok(());
        }
        self.order.push(name.clone());
        let source = f.to_path_buf();
        let via = String::new();
        self.files.insert(name, Module { bytes, source, via });
        Ok(())
    }
}

pub fn pack(args: &[String]) -> Result<ExitCode, String> {
    let o = parse(args)?;
    let ins = inputs(&o.inputs)?;
    let root = match &o.otp_root {
        Some(r) => r.clone(),
        None => {
            host::default_otp_root().ok_or("cannot find the OTP installation; pass --otp-root")?
        }
    };
    let mut dirs: Vec<PathBuf> = o.pa.clone();
    dirs.extend(ins.dirs.iter().cloned());
    let own_len = dirs.len();
    dirs.extend(host::otp_ebins(&root));
    if o.elixir {
        let lib =
            host::default_elixir_lib().ok_or("--elixir: cannot find the Elixir installation")?;
        dirs.extend(host::lib_ebins(&lib));
    }
    let path = CodePath(
        dirs.iter()
            .map(|d| PathEntry::open(d))
            .collect::<Result<Vec<_>, _>>()?,
    );
    // The program's own code (-pa and INPUT directories), where atoms are followed too.
    let own = CodePath(path.0[..own_len].to_vec());

    // What a booted VM loads on its own (see `boot_modules`), then what is asked for by name.
    let mut start = ins.order;
    start.push("erlang".into());
    if o.boot {
        start.extend(boot_modules(&path, &root)?);
    }
    for m in ins.names.iter().chain(&o.include) {
        if o.exclude.contains(m) {
            continue;
        }
        if !ins.files.contains_key(m) && path.locate(m).is_none() {
            return Err(format!("module {m} not found on the code path"));
        }
        start.push(m.clone());
    }

    let (mut chosen, missing) = closure(start, ins.files, &path, &own, &o.exclude, o.follow)?;
    for (m, from) in &missing {
        let by = if from.is_empty() {
            String::new()
        } else {
            format!(" (named by {from})")
        };
        eprintln!("lantern pack: warning: module {m}{by} is not on the code path; left out");
    }
    if o.strip {
        for m in chosen.values_mut() {
            m.bytes = strip(&m.bytes).map_err(|e| format!("{}: {e}", m.source.display()))?;
        }
    }
    let raw: usize = chosen.values().map(|m| m.bytes.len()).sum();
    if o.list {
        for (name, m) in &chosen {
            let via = if m.via.is_empty() { "-" } else { &m.via };
            println!(
                "{:>9}  {name:<28} {via:<28} {}",
                m.bytes.len(),
                m.source.display()
            );
        }
        println!("{raw:>9}  total, {} modules", chosen.len());
    }
    let entries: Vec<(&str, &[u8])> = chosen
        .iter()
        .map(|(n, m)| (n.as_str(), m.bytes.as_slice()))
        .collect();
    let bytes = lantern_core::pack::write(&entries, o.compress.then_some(&zopfli_zlib as _))
        .map_err(|e| e.to_string())?;
    if let Some(out) = &o.out {
        std::fs::write(out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    eprintln!(
        "lantern pack: {} modules, {raw} bytes of .beam, {} bytes {}{}",
        chosen.len(),
        bytes.len(),
        if o.compress { "packed" } else { "stored" },
        o.out
            .as_ref()
            .map(|p| format!(" in {}", p.display()))
            .unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}

type Missing = BTreeMap<String, String>;

/// The transitive closure of `start` over module references (just `start` unless `follow`),
/// resolving names first among `given` then on `path`; also returns the modules not found,
/// each with one caller.
///
/// In the program's own modules (`given` and those on `own`) any atom naming a module on `own`
/// counts as a reference: a program names its callback modules, child specs' modules and
/// Elixir structs by atom. The standard libraries are not searched that way (their atoms
/// would name half of OTP).
fn closure(
    start: Vec<String>,
    mut given: BTreeMap<String, Module>,
    path: &CodePath,
    own: &CodePath,
    exclude: &BTreeSet<String>,
    follow: bool,
) -> Result<(BTreeMap<String, Module>, Missing), String> {
    let mut chosen = BTreeMap::new();
    let mut missing = Missing::new();
    // (module, who named it, taken only if it turns out to be a protocol implementation)
    let mut queue: VecDeque<(String, String, bool)> = start
        .into_iter()
        .map(|m| (m, String::new(), false))
        .collect();
    while let Some((name, from, only_impl)) = queue.pop_front() {
        if chosen.contains_key(&name) || missing.contains_key(&name) || exclude.contains(&name) {
            continue;
        }
        let mut is_own = true;
        let module = match given.remove(&name) {
            Some(m) => m,
            None => match path.find(&name) {
                Some((bytes, source)) => {
                    is_own = own.locate(&name).is_some();
                    Module {
                        bytes,
                        source,
                        via: from,
                    }
                }
                None => {
                    missing.insert(name, from);
                    continue;
                }
            },
        };
        let r = refs(&module.bytes).map_err(|e| format!("{}: {e}", module.source.display()))?;
        if r.module != name {
            return Err(format!(
                "{} holds module {}, not {name}",
                module.source.display(),
                r.module
            ));
        }
        if only_impl && !r.is_impl {
            continue;
        }
        if !follow {
            chosen.insert(name, module);
            continue;
        }
        for m in r.calls {
            queue.push_back((m, name.clone(), false));
        }
        if is_own {
            for a in r
                .atoms
                .iter()
                .filter(|a| **a != name && own.locate(a).is_some())
            {
                queue.push_back((a.clone(), name.clone(), false));
            }
        }
        // An Elixir protocol finds its implementations by name at run time (unconsolidated,
        // as the installed standard library is): take every `Protocol.*` that implements it.
        if r.is_protocol {
            for m in path.names_with_prefix(&format!("{name}.")) {
                queue.push_back((m, name.clone(), true));
            }
        }
        chosen.insert(name, module);
    }
    Ok((chosen, missing))
}

/// What a `.beam` file names statically.
struct Refs {
    module: String,
    /// Modules it calls (imports) or makes `fun M:F/A` values of (literals).
    calls: BTreeSet<String>,
    /// An Elixir protocol (exports `__protocol__/1`) or implementation (`__impl__/1`).
    is_protocol: bool,
    is_impl: bool,
    /// Every atom it holds: its atom table and the atoms in its literals.
    atoms: Vec<String>,
}

fn refs(bytes: &[u8]) -> Result<Refs, String> {
    let bad = |what: &str, at: usize, msg: String| format!("{what} at byte {at}: {msg}");
    let chunks =
        container::chunks(bytes).map_err(|e| bad("bad .beam file", e.offset, e.message))?;
    let chunk = |id: &[u8; 4]| chunks.iter().find(|c| &c.id == id);
    let atoms_chunk = chunk(b"AtU8")
        .or_else(|| chunk(b"Atom"))
        .ok_or("no atom table (AtU8 chunk)")?;
    let atoms = container::atoms(atoms_chunk.data)
        .map_err(|e| bad("bad atom table", atoms_chunk.offset + e.offset, e.message))?;
    let module = atoms[0].to_string();
    let mut calls = BTreeSet::new();
    let mut literal_atoms = BTreeSet::new();
    if let Some(imp) = chunk(b"ImpT") {
        let rows = container::triples(imp.data)
            .map_err(|e| bad("bad import table", imp.offset + e.offset, e.message))?;
        for [m, _, _] in rows {
            let name = (m as usize)
                .checked_sub(1)
                .and_then(|i| atoms.get(i))
                .ok_or("import names an atom out of range")?;
            calls.insert(name.to_string());
        }
    }
    if let Some(lit) = chunk(b"LitT") {
        let literals = container::literal_table(lit.data)
            .map_err(|e| bad("bad literal table", lit.offset + e.offset, e.message))?;
        for l in literals {
            literal_refs(&l, &mut calls, &mut literal_atoms);
        }
    }
    let exports = match chunk(b"ExpT") {
        Some(exp) => container::triples(exp.data)
            .map_err(|e| bad("bad export table", exp.offset + e.offset, e.message))?,
        None => Vec::new(),
    };
    let exported = |f: &str, arity: u32| {
        exports.iter().any(|&[a, n, _]| {
            n == arity && (a as usize).checked_sub(1).and_then(|i| atoms.get(i)) == Some(&f)
        })
    };
    let is_protocol = exported("__protocol__", 1);
    let is_impl = exported("__impl__", 1);
    calls.remove(&module);
    Ok(Refs {
        module,
        calls,
        is_protocol,
        is_impl,
        atoms: atoms
            .iter()
            .map(|a| a.to_string())
            .chain(literal_atoms)
            .collect(),
    })
}

/// Adds the modules of the `fun M:F/A` values (`EXPORT_EXT`) in one external-format literal
/// to `funs`, and every atom in it to `atoms`. Stops quietly at anything it does not know: the
/// loader, not this scan, judges the file.
fn literal_refs(etf: &[u8], funs: &mut BTreeSet<String>, atoms: &mut BTreeSet<String>) {
    let mut c = Etf { b: etf, at: 1 };
    if etf.first() != Some(&131) {
        return;
    }
    let mut pending: usize = 1; // terms still to read
    while pending > 0 {
        pending -= 1;
        let Some(tag) = c.u8() else { return };
        let more = match tag {
            97 => c.skip(1),
            98 => c.skip(4),
            70 => c.skip(8),
            99 => c.skip(31),
            106 => Some(0),
            100 | 118 | 115 | 119 => c.atom(tag).map(|a| {
                atoms.insert(a);
                0
            }),
            107 => c.u16().and_then(|n| c.skip(n)),
            109 => c.u32().and_then(|n| c.skip(n)),
            77 => c.u32().and_then(|n| c.skip(n + 1)),
            110 => c.u8().and_then(|n| c.skip(n as usize + 1)),
            111 => c.u32().and_then(|n| c.skip(n + 1)),
            104 => c.u8().map(|n| n as usize),
            105 => c.u32(),
            108 => c.u32().map(|n| n + 1),
            116 => c.u32().map(|n| 2 * n),
            // The module, then the function name and arity as terms.
            113 => c.u8().and_then(|t| c.atom(t)).map(|m| {
                funs.insert(m);
                2
            }),
            _ => None,
        };
        match more {
            Some(n) if n <= etf.len() => pending += n,
            _ => return,
        }
    }
}

/// A cursor over external-format bytes; `None` past the end.
struct Etf<'a> {
    b: &'a [u8],
    at: usize,
}

impl Etf<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    /// Skips `n` bytes; yields no further terms.
    fn skip(&mut self, n: usize) -> Option<usize> {
        self.take(n).map(|_| 0)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|s| s[0])
    }
    fn u16(&mut self) -> Option<usize> {
        self.take(2)
            .map(|s| u16::from_be_bytes([s[0], s[1]]) as usize)
    }
    fn u32(&mut self) -> Option<usize> {
        self.take(4)
            .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]) as usize)
    }
    /// The name of an atom whose tag (one of the four) has been read.
    fn atom(&mut self, tag: u8) -> Option<String> {
        let n = match tag {
            100 | 118 => self.u16()?,
            115 | 119 => self.u8()? as usize,
            _ => return None,
        };
        self.take(n)
            .map(|s| String::from_utf8_lossy(s).into_owned())
    }
}

/// The bundle's zlib stream by zopfli: about 5% smaller than `miniz_oxide` at its best level
/// (OTP's boot modules: 460 KB against 486 KB), for about a second per megabyte; pages
/// download a bundle far more often than anyone packs one.
fn zopfli_zlib(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() / 2);
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Zlib,
        raw,
        &mut out,
    )
    .expect("writing to a Vec cannot fail");
    out
}

/// The modules a VM loads when it boots (`lantern_boot` starting logger, kernel_sup, ...),
/// found by booting one on `path` and reading its code table: whatever the boot module and
/// the OTP code it runs need, also through calls the import tables do not show.
fn boot_modules(path: &CodePath, root: &Path) -> Result<Vec<String>, String> {
    let mut vm = Vm::new(Box::new(CliHost::new(path.clone())));
    crate::boot(&mut vm, root).map_err(|e| format!("--boot: a VM did not boot: {e}"))?;
    Ok(crate::loaded_modules(&vm))
}

/// The chunks a stripped file keeps: what loading, stack traces (`Line`) and `module_info`
/// (`Attr`, `CInf`) need; `beam_lib:strip/1` keeps the same set less `Attr` and `CInf`.
/// Debug info (`Dbgi`), docs (`Docs`), `LocT` and Elixir's `ExCk` are most of a file's size and
/// nothing a running program reads.
const KEEP_CHUNKS: [&[u8; 4]; 13] = [
    b"AtU8", b"Atom", b"Code", b"StrT", b"ImpT", b"ExpT", b"FunT", b"LitT", b"Meta", b"Line",
    b"Type", b"Attr", b"CInf",
];

/// Rewrites a `.beam` file with only [`KEEP_CHUNKS`].
fn strip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let chunks = container::chunks(bytes)
        .map_err(|e| format!("bad .beam file at byte {}: {}", e.offset, e.message))?;
    let mut body = Vec::with_capacity(bytes.len());
    body.extend_from_slice(b"BEAM");
    for c in chunks.iter().filter(|c| KEEP_CHUNKS.contains(&&c.id)) {
        body.extend_from_slice(&c.id);
        body.extend_from_slice(&(c.data.len() as u32).to_be_bytes());
        body.extend_from_slice(c.data);
        body.resize(body.len().next_multiple_of(4), 0);
    }
    let mut out = Vec::with_capacity(8 + body.len());
    out.extend_from_slice(b"FOR1");
    out.extend_from_slice(&(body.len() as u32).to_be_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded boot module: in the repository, so these tests need no OTP installation.
    fn boot_beam() -> Vec<u8> {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../vm-core/boot/lantern_boot.beam");
        std::fs::read(p).unwrap()
    }

    #[test]
    fn refs_follow_imports_and_fun_literals() {
        let r = refs(&boot_beam()).unwrap();
        assert_eq!(r.module, "lantern_boot");
        for m in ["logger_server", "logger", "supervisor", "ets", "unicode"] {
            assert!(r.calls.contains(m), "{m} in {:?}", r.calls);
        }
        // Only named in `fun logger_filters:domain/2` literals, never called directly.
        assert!(r.calls.contains("logger_filters"), "{:?}", r.calls);
        assert!(!r.calls.contains("lantern_boot"));
        assert!(!r.is_protocol && !r.is_impl);
        assert!(r.atoms.iter().any(|a| a == "logger_formatter"));
    }

    #[test]
    fn stripped_file_loads_and_names_the_same() {
        let full = boot_beam();
        let mut padded = full.clone();
        // A chunk nobody reads, which strip must drop.
        padded.extend_from_slice(b"Dbgi\0\0\0\x03abc\0");
        let size = (padded.len() - 8) as u32;
        padded[4..8].copy_from_slice(&size.to_be_bytes());
        let s = strip(&padded).unwrap();
        assert!(s.len() <= full.len());
        assert!(!s.windows(4).any(|w| w == b"Dbgi"));
        assert_eq!(refs(&s).unwrap().calls, refs(&full).unwrap().calls);
        let mut vm = Vm::new(Box::new(CliHost::new(CodePath::default())));
        vm.load_module(&s).unwrap();
    }

    #[test]
    fn literal_scan_stops_quietly_on_junk() {
        let (mut funs, mut atoms) = (BTreeSet::new(), BTreeSet::new());
        // #{a => fun m:f/1} then junk; and a list claiming 2^32 elements.
        let etf = [
            131, 116, 0, 0, 0, 1, 119, 1, b'a', 113, 119, 1, b'm', 119, 1, b'f', 97, 1,
        ];
        literal_refs(&etf, &mut funs, &mut atoms);
        assert!(funs.contains("m") && atoms.contains("a") && atoms.contains("f"));
        literal_refs(&[131, 108, 255, 255, 255, 255, 106], &mut funs, &mut atoms);
        literal_refs(&[131, 119, 200, b'x'], &mut funs, &mut atoms);
        literal_refs(&[], &mut funs, &mut atoms);
    }
}
