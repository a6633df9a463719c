//! Terms ↔ JS values, by one table (the JS wrapper's `Atom`, `Tuple`, `Pid` classes carry the
//! marker properties this module reads and writes):
//!
//! | Erlang | JS |
//! |---|---|
//! | integer | `number` when it fits 53 bits, else `BigInt` (a `BigInt` always becomes an integer) |
//! | float | `number` with a fraction or beyond 2^53 (an integral `number` becomes an integer) |
//! | `true` / `false` | `boolean` |
//! | `undefined` | `undefined` (and `null` becomes `undefined`) |
//! | other atoms | `{ $atom: "name" }` |
//! | binary | `Uint8Array`; a JS `string` becomes its UTF-8 binary |
//! | bitstring | `{ $bits: Uint8Array, bitLength }` |
//! | proper list | `Array` (a charlist is an array of numbers) |
//! | improper list | `{ $improper: Array, tail }` |
//! | tuple | `{ $tuple: Array }` |
//! | map | `Map` |
//! | pid | `{ $pid: "<0.5.0>" }` |
//! | reference | `{ $ref: "#Ref<0.1.2.3>" }` (goes back as the same reference) |
//! | fun, port | `{ $fun / $port: "printed form" }` (opaque; cannot go back) |
//! | a handle (resource) | the JS value it stands for |
//! | anything else (functions, DOM nodes, plain objects, symbols) | becomes a handle |
//!
//! With [`Factories`] set (the npm package sets them), the JS side gets instances of its
//! classes (`Atom`, `Tuple`, `Pid`, `Ref`, ...) instead of plain marker objects; they carry the
//! same marker properties, so they convert back the same way.

use js_sys::{Array, Function, Map, Reflect, Uint8Array};
use lantern_core::heap::build;
use lantern_core::resource::{self, Releases};
use lantern_core::term::bits::BitSlice;
use lantern_core::term::{map, number, Subtag, Term};
use lantern_core::vecmap::VecMap;
use lantern_core::Vm;
use wasm_bindgen::{JsCast, JsValue};

/// The JS functions that build the package's term classes: `atom(name)`, `tuple(array)`,
/// `pid(text)`, `ref(text)`, `opaque(kind, text)` (funs and ports), `bits(bytes, bitLength)`,
/// `improper(array, tail)`.
pub struct Factories {
    atom: Function,
    tuple: Function,
    pid: Function,
    reference: Function,
    opaque: Function,
    bits: Function,
    improper: Function,
}

impl Factories {
    /// Reads the functions from an object with those properties.
    pub fn from_object(o: &JsValue) -> Result<Factories, String> {
        let f = |name: &str| -> Result<Function, String> {
            prop(o, name)
                .and_then(|v| v.dyn_into::<Function>().ok())
                .ok_or_else(|| format!("term factories: `{name}` must be a function"))
        };
        Ok(Factories {
            atom: f("atom")?,
            tuple: f("tuple")?,
            pid: f("pid")?,
            reference: f("ref")?,
            opaque: f("opaque")?,
            bits: f("bits")?,
            improper: f("improper")?,
        })
    }
}

/// JS values with no term form (functions, DOM nodes, plain objects, ...) that Erlang holds as
/// opaque handles: resource terms (magic references) standing for the object here, dropped from
/// this table when Erlang's last copy is garbage.
#[derive(Default)]
pub struct Handles {
    objects: VecMap<u64, JsValue>,
    next: u64,
    releases: Releases,
}

impl Handles {
    /// A new handle term for `v`, built in the VM's results area.
    fn make(&mut self, vm: &mut Vm, v: &JsValue) -> Term {
        self.next += 1;
        self.objects.insert(self.next, v.clone());
        resource::make(vm.results(), &self.releases, self.next)
    }
    /// Forgets the objects whose handles Erlang no longer holds.
    pub fn collect(&mut self) {
        for id in self.releases.take() {
            self.objects.remove(&id);
        }
    }
    /// Objects Erlang still holds.
    pub fn len(&self) -> usize {
        self.objects.len()
    }
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }
}

/// What conversions need besides the VM: the classes to build and the handle table.
#[derive(Default)]
pub struct Bridge {
    pub factories: Option<Factories>,
    pub handles: Handles,
}

/// Largest integer a JS `number` holds exactly.
const MAX_SAFE: i64 = (1 << 53) - 1;

fn prop(v: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(v, &JsValue::from_str(name))
        .ok()
        .filter(|x| !x.is_undefined())
}

/// Builds the term for a JS value in the VM's embedder area; a value with no term form becomes
/// a handle.
pub fn to_term(vm: &mut Vm, b: &mut Bridge, v: &JsValue) -> Result<Term, String> {
    term(vm, b, v, 0)
}

/// Nesting deeper than this does not convert (the conversions recurse, and the wasm stack is
/// small): JS → term fails, term → JS gives an `Opaque` of kind `deep`.
pub const MAX_DEPTH: usize = 1000;

fn term(vm: &mut Vm, b: &mut Bridge, v: &JsValue, depth: usize) -> Result<Term, String> {
    if depth > MAX_DEPTH {
        return Err(format!("value nested more than {MAX_DEPTH} levels deep"));
    }
    if v.is_undefined() || v.is_null() {
        return Ok(vm.atom("undefined"));
    }
    if let Some(b) = v.as_bool() {
        return Ok(vm.atom(if b { "true" } else { "false" }));
    }
    if let Some(f) = v.as_f64() {
        if !f.is_finite() {
            return Err(String::from("NaN and infinities have no Erlang term"));
        }
        if f.fract() == 0.0 && f.abs() <= MAX_SAFE as f64 {
            return Ok(build::int(vm.results(), f as i64));
        }
        return Ok(build::float(vm.results(), f));
    }
    if v.is_bigint() {
        let s: String = js_sys::BigInt::unchecked_from_js_ref(v)
            .to_string(10)
            .map_err(|_| "unprintable BigInt")?
            .into();
        let n: num_bigint::BigInt = s.parse().map_err(|_| "bad BigInt")?;
        return Ok(build::bigint(vm.results(), &n));
    }
    if let Some(s) = v.as_string() {
        return Ok(build::binary(vm.results(), s.as_bytes()));
    }
    if let Some(u) = v.dyn_ref::<Uint8Array>() {
        return Ok(build::binary(vm.results(), &u.to_vec()));
    }
    if let Some(a) = v.dyn_ref::<Array>() {
        let items = a
            .iter()
            .map(|x| term(vm, b, &x, depth + 1))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(build::list(vm.results(), &items));
    }
    if let Some(m) = v.dyn_ref::<Map>() {
        let mut pairs = Vec::new();
        for entry in m.entries().into_iter().flatten() {
            let kv: Array = entry.unchecked_into();
            pairs.push((
                term(vm, b, &kv.get(0), depth + 1)?,
                term(vm, b, &kv.get(1), depth + 1)?,
            ));
        }
        let sh = &mut vm.shared;
        return Ok(map::from_pairs(&pairs, &mut sh.results, &sh.atoms));
    }
    if let Some(name) = prop(v, "$atom").and_then(|n| n.as_string()) {
        if name.chars().count() > 255 {
            return Err(String::from("atom too long"));
        }
        return Ok(vm.atom(&name));
    }
    if let Some(items) = prop(v, "$tuple") {
        let a: Array = items.dyn_into().map_err(|_| "$tuple must be an array")?;
        let items = a
            .iter()
            .map(|x| term(vm, b, &x, depth + 1))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(build::tuple(vm.results(), &items));
    }
    if let Some(p) = prop(v, "$pid").and_then(|p| p.as_string()) {
        return parse_pid(&p).ok_or_else(|| format!("bad pid {p}"));
    }
    if let Some(r) = prop(v, "$ref").and_then(|p| p.as_string()) {
        let n = parse_ref(&r).ok_or_else(|| format!("bad reference {r}"))?;
        return Ok(build::local_ref(vm.results(), n));
    }
    if let Some(bytes) = prop(v, "$bits").and_then(|b| b.dyn_into::<Uint8Array>().ok()) {
        let bytes = bytes.to_vec();
        let bits = prop(v, "bitLength")
            .and_then(|n| n.as_f64())
            .filter(|&n| n >= 0.0 && n <= (bytes.len() * 8) as f64 && n.fract() == 0.0)
            .ok_or("$bits needs a bitLength within its bytes")?;
        return Ok(build::bitstring(vm.results(), &bytes, bits as usize));
    }
    if let Some(items) = prop(v, "$improper") {
        let a: Array = items.dyn_into().map_err(|_| "$improper must be an array")?;
        let items = a
            .iter()
            .map(|x| term(vm, b, &x, depth + 1))
            .collect::<Result<Vec<_>, _>>()?;
        let tail = term(
            vm,
            b,
            &prop(v, "tail").unwrap_or(JsValue::UNDEFINED),
            depth + 1,
        )?;
        return Ok(build::list_with_tail(vm.results(), &items, tail));
    }
    if ["$opaque", "$fun", "$port"]
        .iter()
        .any(|k| prop(v, k).is_some())
    {
        return Err(String::from(
            "a fun or port shown to JS cannot go back to Erlang",
        ));
    }
    Ok(b.handles.make(vm, v))
}

/// `"<0.Index.Serial>"` → the local pid.
pub fn parse_pid(s: &str) -> Option<Term> {
    let inner = s.strip_prefix("<0.")?.strip_suffix('>')?;
    let (i, ser) = inner.split_once('.')?;
    let (i, ser): (u32, u32) = (i.parse().ok()?, ser.parse().ok()?);
    (i < 1 << lantern_core::term::PID_INDEX_BITS).then(|| Term::pid_of(i, ser))
}

/// `"#Ref<0.A.B.C>"` → the numbers of the local reference (as `make_ref` stores them).
pub fn parse_ref(s: &str) -> Option<[u32; 3]> {
    let inner = s.strip_prefix("#Ref<0.")?.strip_suffix('>')?;
    let mut it = inner.split('.').map(|x| x.parse::<u32>().ok());
    let (n2, n1, n0) = (it.next()??, it.next()??, it.next()??);
    it.next().is_none().then_some([n0, n1, n2])
}

fn marker(name: &str, value: JsValue) -> JsValue {
    let o = js_sys::Object::new();
    let _ = Reflect::set(&o, &JsValue::from_str(name), &value);
    o.into()
}

/// The marker object, or what the factory makes of `args`.
fn made(f: Option<&Function>, name: &str, args: &[JsValue]) -> JsValue {
    match f {
        Some(f) => {
            let a: Array = args.iter().collect();
            f.apply(&JsValue::NULL, &a).unwrap_or(JsValue::UNDEFINED)
        }
        None => marker(name, args[0].clone()),
    }
}

/// The JS value for a term (marker objects when no factories are set; a handle's object).
pub fn to_js(vm: &Vm, b: &Bridge, t: Term) -> JsValue {
    js(vm, b, t, 0)
}

fn js(vm: &Vm, b: &Bridge, t: Term, depth: usize) -> JsValue {
    let f = b.factories.as_ref();
    if depth > MAX_DEPTH {
        let text = JsValue::from_str("a term nested too deeply to convert");
        return match f {
            Some(f) => f
                .opaque
                .call2(&JsValue::NULL, &JsValue::from_str("deep"), &text)
                .unwrap_or(JsValue::UNDEFINED),
            None => marker("$deep", text),
        };
    }
    if let Some(v) = t.as_small() {
        return if v.abs() <= MAX_SAFE {
            JsValue::from_f64(v as f64)
        } else {
            js_sys::BigInt::from(v).into()
        };
    }
    if let Some(n) = number::to_bigint(t).filter(|_| t.is_boxed()) {
        return js_sys::BigInt::new(&JsValue::from_str(&n.to_string()))
            .map(JsValue::from)
            .unwrap_or(JsValue::NULL);
    }
    if let Some(f) = t.as_float() {
        return JsValue::from_f64(f);
    }
    if t.is_atom() {
        return match vm.shared.atoms.name(t) {
            "true" => JsValue::TRUE,
            "false" => JsValue::FALSE,
            "undefined" => JsValue::UNDEFINED,
            name => made(f.map(|f| &f.atom), "$atom", &[JsValue::from_str(name)]),
        };
    }
    if t.is_nil() {
        return Array::new().into();
    }
    if t.is_list() {
        let out = Array::new();
        let mut it = t.list_iter();
        for x in it.by_ref() {
            out.push(&js(vm, b, x, depth + 1));
        }
        let tail = it.tail();
        if tail.is_nil() {
            return out.into();
        }
        let tail = js(vm, b, tail, depth + 1);
        if let Some(f) = f {
            return f
                .improper
                .call2(&JsValue::NULL, &out, &tail)
                .unwrap_or(JsValue::UNDEFINED);
        }
        let o = marker("$improper", out.into());
        let _ = Reflect::set(&o, &JsValue::from_str("tail"), &tail);
        return o;
    }
    if let Some(es) = t.tuple() {
        let out = Array::new();
        for &e in es {
            out.push(&js(vm, b, e, depth + 1));
        }
        return made(f.map(|f| &f.tuple), "$tuple", &[out.into()]);
    }
    if let Some(slice) = BitSlice::of(t) {
        if let Some(bytes) = slice.as_bytes() {
            return Uint8Array::from(bytes).into();
        }
        let bits = slice.bit_len;
        let bytes = slice.to_vec();
        let data: JsValue = Uint8Array::from(&bytes[..]).into();
        if let Some(f) = f {
            let n = JsValue::from_f64(bits as f64);
            return f
                .bits
                .call2(&JsValue::NULL, &data, &n)
                .unwrap_or(JsValue::UNDEFINED);
        }
        let o = marker("$bits", data);
        let _ = Reflect::set(
            &o,
            &JsValue::from_str("bitLength"),
            &JsValue::from_f64(bits as f64),
        );
        return o;
    }
    if map::is_map(t) {
        let m = Map::new();
        for (k, v) in map::iter_pairs(t, &vm.shared.atoms) {
            m.set(&js(vm, b, k, depth + 1), &js(vm, b, v, depth + 1));
        }
        return m.into();
    }
    if let Some(obj) = resource::id_of(t).and_then(|id| b.handles.objects.get(&id)) {
        return obj.clone();
    }
    let shown = JsValue::from_str(&vm.display(t));
    if t.is_pid() {
        return made(f.map(|f| &f.pid), "$pid", &[shown]);
    }
    let kind = match t.subtag() {
        Some(Subtag::Ref | Subtag::ExternalRef) => {
            return made(f.map(|f| &f.reference), "$ref", &[shown]);
        }
        Some(Subtag::Fun | Subtag::Export) => "fun",
        _ => "port",
    };
    match f {
        Some(f) => f
            .opaque
            .call2(&JsValue::NULL, &JsValue::from_str(kind), &shown)
            .unwrap_or(JsValue::UNDEFINED),
        None => marker(&format!("${kind}"), shown),
    }
}
