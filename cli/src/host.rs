//! The native host and the code path it loads modules from: directories of `.beam` files and
//! bundles (`.lpk`, see `lantern_core::pack`), searched in order as `erl` searches its path.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use lantern_core::host::Host;

/// One element of the code path.
#[derive(Clone)]
pub enum PathEntry {
    Dir(PathBuf),
    /// A bundle read once into memory: module name → `.beam` bytes.
    Bundle {
        file: PathBuf,
        modules: BTreeMap<String, Vec<u8>>,
    },
}

impl PathEntry {
    /// A directory, or a bundle when `p` is a file (read and checked now, so a damaged bundle
    /// is reported before anything runs).
    pub fn open(p: &Path) -> Result<PathEntry, String> {
        if !p.is_file() {
            // As erl, a missing directory is no error; a missing bundle surely is a mistake.
            if p.extension().is_some_and(|x| x == "lpk") {
                return Err(format!("cannot read {}: no such file", p.display()));
            }
            return Ok(PathEntry::Dir(p.to_path_buf()));
        }
        let bytes = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        if !lantern_core::pack::is_pack(&bytes) {
            return Err(format!(
                "{} is neither a directory nor a Lantern bundle (.lpk)",
                p.display()
            ));
        }
        let entries =
            lantern_core::pack::read(&bytes).map_err(|e| format!("{}: {e}", p.display()))?;
        Ok(PathEntry::Bundle {
            file: std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()),
            modules: entries.into_iter().collect(),
        })
    }
}

/// Directories and bundles, searched front to back.
#[derive(Clone, Default)]
pub struct CodePath(pub Vec<PathEntry>);

impl CodePath {
    /// The first `.beam` for `module` on the path, with where it came from (a file name; for a
    /// bundle, `BUNDLE/MODULE.beam`, as `code:which/1` shows a module inside an archive).
    pub fn find(&self, module: &str) -> Option<(Vec<u8>, PathBuf)> {
        let file = format!("{module}.beam");
        self.0.iter().find_map(|e| match e {
            PathEntry::Dir(d) => {
                let p = d.join(&file);
                std::fs::read(&p).ok().map(|b| (b, p))
            }
            PathEntry::Bundle { file: f, modules } => {
                modules.get(module).map(|b| (b.clone(), f.join(&file)))
            }
        })
    }

    /// The modules on the path whose names start with `prefix`, sorted.
    pub fn names_with_prefix(&self, prefix: &str) -> Vec<String> {
        let mut out = BTreeSet::new();
        for e in &self.0 {
            match e {
                PathEntry::Dir(d) => {
                    let Ok(rd) = std::fs::read_dir(d) else {
                        continue;
                    };
                    for f in rd.filter_map(|f| f.ok()) {
                        let f = f.file_name().to_string_lossy().into_owned();
                        if let Some(m) = f.strip_suffix(".beam") {
                            if m.starts_with(prefix) {
                                out.insert(m.to_string());
                            }
                        }
                    }
                }
                PathEntry::Bundle { modules, .. } => {
                    out.extend(modules.keys().filter(|m| m.starts_with(prefix)).cloned())
                }
            }
        }
        out.into_iter().collect()
    }

    /// Where `module` would be loaded from, without reading it.
    pub fn locate(&self, module: &str) -> Option<String> {
        let file = format!("{module}.beam");
        self.0.iter().find_map(|e| match e {
            PathEntry::Dir(d) => {
                let p = d.join(&file);
                p.is_file()
                    .then(|| std::fs::canonicalize(&p).unwrap_or(p).display().to_string())
            }
            PathEntry::Bundle { file: f, modules } => modules
                .contains_key(module)
                .then(|| f.join(&file).display().to_string()),
        })
    }
}

/// The native host: std clock and stdio, modules from the code path.
pub struct CliHost {
    pub start: Instant,
    pub path: CodePath,
    pub stdout: std::io::Stdout,
    pub seed: u64,
}

impl CliHost {
    pub fn new(path: CodePath) -> CliHost {
        CliHost {
            start: Instant::now(),
            path,
            stdout: std::io::stdout(),
            seed: 0x9E37_79B9_7F4A_7C15,
        }
    }
}

impl Host for CliHost {
    fn monotonic_nanos(&self) -> u64 {
        self.start.elapsed().as_nanos() as u64
    }
    fn system_time_nanos(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as i64)
            .unwrap_or(0)
    }
    fn write_stdout(&mut self, bytes: &[u8]) {
        let mut out = self.stdout.lock();
        let _ = out.write_all(bytes);
        let _ = out.flush();
    }
    fn write_stderr(&mut self, bytes: &[u8]) {
        let _ = std::io::stderr().write_all(bytes);
    }
    fn find_module(&mut self, module: &str) -> Option<Vec<u8>> {
        self.path.find(module).map(|(b, _)| b)
    }
    fn module_file(&self, module: &str) -> Option<String> {
        self.path.locate(module)
    }
    fn getenv(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
    fn environment(&self) -> Vec<(String, String)> {
        std::env::vars().collect()
    }
    fn os_pid(&self) -> u32 {
        std::process::id()
    }
    fn sleep(&mut self, nanos: u64) -> bool {
        std::thread::sleep(std::time::Duration::from_nanos(nanos));
        true
    }
    fn random_u64(&mut self) -> u64 {
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        self.seed
    }
}

/// `erts-*/ebin` then `lib/*/ebin` of an OTP installation (erts first: preloaded modules).
pub fn otp_ebins(root: &Path) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Ok(rd) = std::fs::read_dir(root) {
        let mut erts: Vec<PathBuf> = rd
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("erts-"))
            .map(|e| e.path().join("ebin"))
            .filter(|p| p.is_dir())
            .collect();
        erts.sort();
        dirs.extend(erts);
    }
    dirs.extend(lib_ebins(&root.join("lib")));
    dirs
}

/// `DIR/*/ebin`, sorted.
pub fn lib_ebins(lib: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(lib) else {
        return Vec::new();
    };
    let mut libs: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("ebin"))
        .filter(|p| p.is_dir())
        .collect();
    libs.sort();
    libs
}

/// /usr/lib/erlang, else the root `erl` reports.
pub fn default_otp_root() -> Option<PathBuf> {
    let p = PathBuf::from("/usr/lib/erlang");
    if p.join("lib").is_dir() {
        return Some(p);
    }
    ask(
        "erl",
        &[
            "-noshell",
            "-eval",
            "io:format(\"~s\", [code:root_dir()]), halt().",
        ],
    )
}

/// The Elixir installation's `lib` directory (holding elixir/ebin, logger/ebin, ...).
pub fn default_elixir_lib() -> Option<PathBuf> {
    for d in ["/usr/lib/elixir/lib", "/usr/local/lib/elixir/lib"] {
        let p = PathBuf::from(d);
        if p.join("elixir/ebin").is_dir() {
            return Some(p);
        }
    }
    let ebin = ask("elixir", &["-e", "IO.write(:code.lib_dir(:elixir))"])?;
    ebin.parent().map(Path::to_path_buf)
}

/// Runs a tool and takes its stdout as a path.
fn ask(tool: &str, args: &[&str]) -> Option<PathBuf> {
    let out = std::process::Command::new(tool).args(args).output().ok()?;
    let s = String::from_utf8(out.stdout).ok()?;
    (!s.is_empty()).then(|| PathBuf::from(s))
}
