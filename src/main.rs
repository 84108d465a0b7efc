#![forbid(unsafe_code)]

use std::process::ExitCode;

// glibc's allocator grows each thread's heap in small steps (an mprotect
// call each): loading and indexing on all cores spent a third of their time
// there. See BENCHMARKS.md.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    kensho::cli::main()
}
