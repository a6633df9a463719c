//! Lantern's JS face (wasm-bindgen). The real API arrives with the JS-face issue.
