use lantern_core::host::NullHost;
use lantern_core::vm::Vm;
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&p).unwrap();
    let mut vm = Vm::new(Box::new(NullHost::default()));
    let id = vm.shared.code.next_id().max(1);
    let code = lantern_core::loader::load(&bytes, id, &mut vm.shared).unwrap();
    println!(
        "instrs {} exports {} funs {} functions {} lines {} files {:?}",
        code.instrs.len(),
        code.exports.len(),
        code.funs.len(),
        code.functions.len(),
        code.lines.entries.len(),
        code.lines.files
    );
    println!("md5 {:?}", code.md5);
    for (i, ins) in code.instrs.iter().take(40).enumerate() {
        println!("{i}: {ins:?}");
    }
    println!("attr {:?} cinf {:?}", code.attributes, code.compile_info);
    println!(
        "{:?}",
        &code.lines.entries[..code.lines.entries.len().min(10)]
    );
}
