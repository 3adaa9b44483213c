//! Writing the site safely: everything goes into a fresh folder beside the output, which
//! replaces the output only when the whole build succeeded. The output folder is marked as
//! ours, and a folder without the mark is never replaced (it could be anyone's files).

pub mod staging;

use crate::diagnostic::Diagnostic;
use crate::names::OUTPUT_MARKER as MARKER;
use staging::Staging;
use std::fs;
use std::io::ErrorKind;
use std::path::Path;

const MARKER_TEXT: &str = "This folder was built by Signpost and is replaced on every build.\nDo not keep your own files here.\n";

/// Builds into a staging folder with `fill`, then swaps it in. On any failure the previous
/// output is left exactly as it was.
pub fn write_site<E>(
    output_dir: &Path,
    content_dir: &Path,
    fill: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<(), WriteError<E>> {
    check_replaceable(output_dir, content_dir).map_err(WriteError::Refused)?;
    let parent = output_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| io_problem(parent, "cannot create the folder", e))?;
    let name = output_dir
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    staging::remove_leftovers(parent, &name);
    let staging = Staging::create(parent, &name)?;

    fill(&staging.path).map_err(WriteError::Build)?;
    fs::write(staging.path.join(MARKER), MARKER_TEXT)
        .map_err(|e| io_problem(&staging.path, "cannot write", e))?;
    staging.swap_into(output_dir, parent, &name)
}

#[derive(Debug)]
pub enum WriteError<E> {
    /// The output folder must not be replaced.
    Refused(Diagnostic),
    /// The build itself failed.
    Build(E),
    Io(Diagnostic),
}

/// Refuses folders that are not a previous Signpost output and are not empty, and folders
/// that hold the content itself.
pub fn check_replaceable(output_dir: &Path, content_dir: &Path) -> Result<(), Diagnostic> {
    let metadata = match fs::symlink_metadata(output_dir) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(
                io_problem(output_dir, "cannot look at the output folder", e).into_diagnostic(),
            );
        }
    };
    if metadata.is_symlink() {
        return Err(Diagnostic::error(
            output_dir,
            0,
            "the output path is a link; the site is not built through links (it could replace the folder it leads to)",
        )
        .with_help("give the folder itself with --output DIR"));
    }
    if !metadata.is_dir() {
        return Err(
            Diagnostic::error(output_dir, 0, "the output path is a file, not a folder")
                .with_help("choose another place with --output DIR"),
        );
    }
    if let (Ok(output), Ok(content)) = (output_dir.canonicalize(), content_dir.canonicalize()) {
        if content.starts_with(&output) {
            return Err(Diagnostic::error(
                output_dir,
                0,
                "the output folder holds the content folder; building would replace your pages",
            )
            .with_help("choose an output folder outside the content, e.g. --output public"));
        }
    }
    if output_dir.join(MARKER).is_file() {
        return Ok(());
    }
    let entries = fs::read_dir(output_dir).map_err(|e| {
        io_problem(output_dir, "cannot read the output folder", e).into_diagnostic()
    })?;
    let count = entries.count();
    if count == 0 {
        return Ok(());
    }
    Err(Diagnostic::error(
        output_dir,
        0,
        format!("this folder was not made by Signpost and is not empty ({count} {}); refusing to replace it", if count == 1 { "entry" } else { "entries" }),
    )
    .with_help("choose another output folder with --output DIR, or move the files out of this one yourself"))
}

pub(crate) struct IoProblem(Diagnostic);

impl IoProblem {
    fn into_diagnostic(self) -> Diagnostic {
        self.0
    }
}

impl<E> From<IoProblem> for WriteError<E> {
    fn from(problem: IoProblem) -> Self {
        WriteError::Io(problem.0)
    }
}

pub(crate) fn io_problem(path: &Path, what: &str, error: std::io::Error) -> IoProblem {
    IoProblem(Diagnostic::error(path, 0, format!("{what}: {error}")))
}

/// Writes a file, creating its folders.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<(), Diagnostic> {
    // The staging folder is being removed: creating folders would bring it back.
    let stopped = || Diagnostic::error(path, 0, "the build was stopped");
    if staging::stopping() {
        return Err(stopped());
    }
    // Most files go into a folder that is there already: writing first saves the two
    // system calls of making sure of the folder, for each of a large site's files.
    let written = match fs::write(path, contents) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if staging::stopping() {
                return Err(stopped());
            }
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| {
                    Diagnostic::error(parent, 0, format!("cannot create the folder: {e}"))
                })?;
            }
            fs::write(path, contents)
        }
        written => written,
    };
    written.map_err(|e| Diagnostic::error(path, 0, format!("cannot write: {e}")))
}

/// Writes the page's new text into the file itself, so that it keeps its inode, mode, owner
/// and links (a symlinked page updates the shared original; hard links stay one file).
pub fn write_in_place(file: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let problem = |err: std::io::Error| Diagnostic::error(file, 0, format!("cannot write: {err}"));
    use std::io::Write;
    let mut open = std::fs::OpenOptions::new()
        .write(true)
        .open(file)
        .map_err(problem)?;
    open.write_all(bytes).map_err(problem)?;
    open.set_len(bytes.len() as u64).map_err(problem)?;
    open.sync_all().map_err(problem)
}

/// A page whose permissions say nobody writes it is left alone, even by root.
pub fn refuse_read_only(file: &Path) -> Result<(), Diagnostic> {
    let read_only = std::fs::metadata(file).is_ok_and(|m| m.permissions().readonly());
    if read_only {
        return Err(Diagnostic::error(file, 0, "this page is read-only, so it was not changed")
            .with_help("make it writable (e.g. `chmod u+w FILE`) if it should be reviewed, then run this again"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_folder_with_someone_elses_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("thesis.docx"), "precious").unwrap();
        let result = write_site(&out, dir.path().join("content").as_path(), |_| {
            Ok::<(), ()>(())
        });
        assert!(matches!(result, Err(WriteError::Refused(_))));
        assert_eq!(
            fs::read_to_string(out.join("thesis.docx")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn failed_build_leaves_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let content = dir.path().join("content");
        write_site(&out, &content, |staging| {
            fs::write(staging.join("a.html"), "first")
        })
        .unwrap();
        let result = write_site(&out, &content, |staging| {
            fs::write(staging.join("a.html"), "second").unwrap();
            Err("broken")
        });
        assert!(matches!(result, Err(WriteError::Build("broken"))));
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "first");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn replaces_a_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let content = dir.path().join("content");
        write_site(&out, &content, |s| fs::write(s.join("old.html"), "x")).unwrap();
        write_site(&out, &content, |s| fs::write(s.join("new.html"), "y")).unwrap();
        assert!(!out.join("old.html").exists());
        assert!(out.join("new.html").exists());
        assert!(out.join(MARKER).exists());
    }

    #[test]
    fn refuses_to_build_over_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        fs::create_dir(&content).unwrap();
        fs::write(content.join("index.md"), "# Hi").unwrap();
        assert!(check_replaceable(dir.path(), &content).is_err());
    }
}
