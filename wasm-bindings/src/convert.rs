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
//! | reference, fun, port | `{ $ref / $fun / $port: "printed form" }` (opaque; cannot go back) |

use js_sys::{Array, Map, Reflect, Uint8Array};
use lantern_core::heap::build;
use lantern_core::term::bits::BitSlice;
use lantern_core::term::{map, number, Subtag, Term};
use lantern_core::Vm;
use wasm_bindgen::{JsCast, JsValue};

/// Largest integer a JS `number` holds exactly.
const MAX_SAFE: i64 = (1 << 53) - 1;

fn prop(v: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(v, &JsValue::from_str(name))
        .ok()
        .filter(|x| !x.is_undefined())
}

/// Builds the term for a JS value in the VM's embedder area.
pub fn to_term(vm: &mut Vm, v: &JsValue) -> Result<Term, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(vm.atom("undefined"));
    }
    if let Some(b) = v.as_bool() {
        return Ok(vm.atom(if b { "true" } else { "false" }));
    }
    if let Some(f) = v.as_f64() {
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
            .map(|x| to_term(vm, &x))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(build::list(vm.results(), &items));
    }
    if let Some(m) = v.dyn_ref::<Map>() {
        let mut pairs = Vec::new();
        for entry in m.entries().into_iter().flatten() {
            let kv: Array = entry.unchecked_into();
            pairs.push((to_term(vm, &kv.get(0))?, to_term(vm, &kv.get(1))?));
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
            .map(|x| to_term(vm, &x))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(build::tuple(vm.results(), &items));
    }
    if let Some(p) = prop(v, "$pid").and_then(|p| p.as_string()) {
        return parse_pid(&p).ok_or_else(|| format!("bad pid {p}"));
    }
    Err(String::from("no Erlang term for this JS value"))
}

/// `"<0.Index.Serial>"` → the local pid.
pub fn parse_pid(s: &str) -> Option<Term> {
    let inner = s.strip_prefix("<0.")?.strip_suffix('>')?;
    let (i, ser) = inner.split_once('.')?;
    let (i, ser): (u32, u32) = (i.parse().ok()?, ser.parse().ok()?);
    (i < 1 << lantern_core::term::PID_INDEX_BITS).then(|| Term::pid_of(i, ser))
}

fn marker(name: &str, value: JsValue) -> JsValue {
    let o = js_sys::Object::new();
    let _ = Reflect::set(&o, &JsValue::from_str(name), &value);
    o.into()
}

/// The JS value for a term.
pub fn to_js(vm: &Vm, t: Term) -> JsValue {
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
            name => marker("$atom", JsValue::from_str(name)),
        };
    }
    if t.is_nil() {
        return Array::new().into();
    }
    if t.is_list() {
        let out = Array::new();
        let mut it = t.list_iter();
        for x in it.by_ref() {
            out.push(&to_js(vm, x));
        }
        let tail = it.tail();
        if tail.is_nil() {
            return out.into();
        }
        let o = marker("$improper", out.into());
        let _ = Reflect::set(&o, &JsValue::from_str("tail"), &to_js(vm, tail));
        return o;
    }
    if let Some(es) = t.tuple() {
        let out = Array::new();
        for &e in es {
            out.push(&to_js(vm, e));
        }
        return marker("$tuple", out.into());
    }
    if let Some(slice) = BitSlice::of(t) {
        if let Some(bytes) = slice.as_bytes() {
            return Uint8Array::from(bytes).into();
        }
        let bits = slice.bit_len;
        let bytes = slice.to_vec();
        let o = marker("$bits", Uint8Array::from(&bytes[..]).into());
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
            m.set(&to_js(vm, k), &to_js(vm, v));
        }
        return m.into();
    }
    let shown = JsValue::from_str(&vm.display(t));
    if t.is_pid() {
        return marker("$pid", shown);
    }
    match t.subtag() {
        Some(Subtag::Ref | Subtag::ExternalRef) => marker("$ref", shown),
        Some(Subtag::Fun | Subtag::Export) => marker("$fun", shown),
        _ => marker("$port", shown),
    }
}
