//! Object emission: an ELF relocatable (one `.text.<symbol>` section per function, so the loader
//! can place hot and cold parts), or assembly text for dumps.

use crate::error::CompileError;
use inkwell::module::Module;
use inkwell::targets::{FileType, TargetMachine};

/// The object file bytes of `m`.
pub fn object(m: &Module<'_>, tm: &TargetMachine) -> Result<Vec<u8>, CompileError> {
    let buf = tm
        .write_to_memory_buffer(m, FileType::Object)
        .map_err(|e| CompileError::Llvm(e.to_string()))?;
    Ok(buf.as_slice().to_vec())
}

/// LLVM's assembly listing of `m` (symbolic, before placement).
pub fn assembly(m: &Module<'_>, tm: &TargetMachine) -> Result<String, CompileError> {
    let buf = tm
        .write_to_memory_buffer(m, FileType::Assembly)
        .map_err(|e| CompileError::Llvm(e.to_string()))?;
    Ok(String::from_utf8_lossy(buf.as_slice()).into_owned())
}
