//! Natives of the `lantern` module: what the VM's own boot module (`vm-core/boot`) asks of the
//! host that OTP would get from its file system.

use super::{arg_atom, BifResult, Ctx};
use crate::heap::build;
use crate::term::Term;

crate::bifs! { "lantern";
    "module_file", 1 => module_file;
}

/// Where a loaded module came from: its `.beam` path, or `preloaded` for the modules ERTS
/// preloads and those the embedder loaded from memory (`code:is_loaded/1`'s answer).
fn module_file(ctx: &mut Ctx, a: &[Term]) -> BifResult {
    let m = arg_atom(a[0])?;
    let name = alloc::string::String::from(ctx.vm.atoms.name(m));
    if super::system::PRELOADED.contains(&name.as_str()) {
        return Ok(ctx.vm.atoms.intern("preloaded"));
    }
    Ok(match ctx.vm.host.module_file(&name) {
        Some(path) => build::charlist(&mut ctx.proc.heap, &path),
        None => ctx.vm.atoms.intern("preloaded"),
    })
}
