// The theme is embedded with include_dir!, which cannot tell cargo about files added later:
// rebuild whenever anything under theme/ changes.
fn main() {
    println!("cargo:rerun-if-changed=../../../theme");
}
