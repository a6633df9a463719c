//! A profiling aid (the `pairs` feature, off in every shipped build): counts how often each
//! instruction and each pair of consecutive instructions runs, to find super-instruction
//! candidates. `lantern` built with `--features pairs` prints the top pairs on exit.

extern crate std;
use std::cell::RefCell;
use std::collections::HashMap;
use std::string::String;
std::thread_local! {
    static PREV: RefCell<String> = const { RefCell::new(String::new()) };
    static C: RefCell<HashMap<String, u64>> = RefCell::new(HashMap::new());
}
/// Counts `i` and the pair it ends.
pub fn note(i: &super::instr::Instr) {
    let s = std::format!("{:?}", i);
    let name: String = s.chars().take_while(|c| c.is_alphanumeric()).collect();
    PREV.with(|p| {
        let mut p = p.borrow_mut();
        C.with(|c| {
            *c.borrow_mut()
                .entry(std::format!("{} {}", p, name))
                .or_default() += 1;
            *c.borrow_mut()
                .entry(std::format!("= {}", name))
                .or_default() += 1;
        });
        *p = name;
    });
}
/// Prints the 60 commonest instructions and pairs to stderr.
pub fn dump() {
    C.with(|c| {
        let c = c.borrow();
        let mut v: std::vec::Vec<_> = c.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1));
        for (k, n) in v.iter().take(60) {
            std::eprintln!("{:>10} {}", n, k);
        }
    });
}
