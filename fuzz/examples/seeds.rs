//! Writes the seed inputs of every target, taken from the project's tests,
//! to `fuzz/seeds/TARGET/`:
//!
//! ```text
//! cargo run --manifest-path fuzz/Cargo.toml --example seeds
//! ```
//!
//! `scripts/fuzz.sh` runs it before fuzzing.

use std::path::Path;

use error_catalog_fuzz::seeds;

fn main() -> std::io::Result<()> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = fuzz.parent().expect("fuzz/ is in the repository");
    for (target, seeds) in [
        ("decode", seeds::decode(root)?),
        ("derive", seeds::derive(root)?),
        ("grpc_status", seeds::grpc_status()),
    ] {
        seeds::write(&fuzz.join("seeds").join(target), &seeds)?;
        println!("{target}: {} seeds", seeds.len());
    }
    Ok(())
}
