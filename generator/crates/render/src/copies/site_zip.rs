//! The whole site as one zip a traveller can take. Every link in the site is relative, so
//! unzipped anywhere, `index.html` opens from disk and the pages, search and the wizard all
//! work. Each page in it says when the copy was made and until when to trust it.

use crate::copies::markers;
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use std::cell::Cell;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use zip::write::SimpleFileOptions;

pub struct Inputs<'a> {
    /// The built site.
    pub site_dir: &'a Path,
    /// The one folder everything is put in, so unzipping never scatters files.
    pub folder: &'a str,
    /// HTML put at the top of every page's `<main>`.
    pub notice: &'a str,
    /// The date the copy is made: every entry's time stamp (the same site makes the same zip).
    pub made: NaiveDate,
    /// Files of the site not to put in the zip (paths in the site).
    pub leave_out: &'a (dyn Fn(&Path) -> bool + Sync),
}

/// Files compressed together; the parts are compressed in parallel, then joined.
const FILES_PER_PART: usize = 32;
/// Parts made at once: enough to keep every core busy; more only holds more of the zip in
/// memory while it waits to be joined (at 64, about 10 MB more on a 10,000-page site).
const PARTS_PER_WINDOW: usize = 8;
/// Deflate level 1: a quarter bigger than the default, in under half the time (most of a
/// large site's zip time is deflating its pages).
const LEVEL: u32 = 1;

/// Zips the site into `zip_path` (which may be inside it: it is left out).
pub fn write(inputs: &Inputs, zip_path: &Path) -> Result<(), String> {
    let files = files(inputs.site_dir, zip_path, inputs.leave_out)?;
    let made = inputs.made;
    let time = zip::DateTime::from_date_and_time(
        made.year().clamp(1980, 2107) as u16,
        made.month() as u8,
        made.day() as u8,
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(LEVEL.into()))
        .last_modified_time(time)
        .unix_permissions(0o644);
    // Each part is a small zip in memory; joining copies their compressed entries as they
    // are. Parts are cut by count, not by core, so every machine makes the same zip; they
    // are made a window at a time (256 files), so memory holds a window, not the zip.
    let file = std::fs::File::create(zip_path).map_err(|e| e.to_string())?;
    let abandoned = Rc::new(Cell::new(false));
    let mut zip = zip::ZipWriter::new(Abandonable {
        inner: std::io::BufWriter::new(file),
        abandoned: Rc::clone(&abandoned),
    });
    let mut joined = || -> Result<(), String> {
        for window in files.chunks(FILES_PER_PART * PARTS_PER_WINDOW) {
            let parts: Vec<Result<Vec<u8>, String>> = window
                .par_chunks(FILES_PER_PART)
                .map(|part| zip_part(inputs, part, options))
                .collect();
            for part in parts {
                let archive =
                    zip::ZipArchive::new(std::io::Cursor::new(part?)).map_err(|e| e.to_string())?;
                zip.merge_archive(archive).map_err(|e| e.to_string())?;
            }
        }
        Ok(())
    };
    if let Err(problem) = joined() {
        // The half-written zip is not finished when dropped (which would print to stderr).
        abandoned.set(true);
        return Err(problem);
    }
    let written = zip.finish().map_err(|e| e.to_string())?;
    written
        .inner
        .into_inner()
        .map_err(|e| e.into_error().to_string())?;
    Ok(())
}

/// A writer that, once abandoned (or after its first error: a full disk), writes nothing
/// more and reports no more errors, so a zip dropped part way stays quiet.
struct Abandonable<W> {
    inner: W,
    abandoned: Rc<Cell<bool>>,
}

impl<W> Abandonable<W> {
    fn guard<T>(
        &mut self,
        idle: T,
        op: impl FnOnce(&mut W) -> std::io::Result<T>,
    ) -> std::io::Result<T> {
        if self.abandoned.get() {
            return Ok(idle);
        }
        op(&mut self.inner).inspect_err(|_| self.abandoned.set(true))
    }
}

impl<W: Write> Write for Abandonable<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.guard(buf.len(), |w| w.write(buf))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.guard((), Write::flush)
    }
}

impl<W: Seek> Seek for Abandonable<W> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.guard(0, |w| w.seek(pos))
    }
}

fn zip_part(
    inputs: &Inputs,
    files: &[PathBuf],
    options: SimpleFileOptions,
) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for path in files {
        let bytes = std::fs::read(inputs.site_dir.join(path))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let bytes = if path.extension().is_some_and(|e| e == "html") {
            let html =
                String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8", path.display()))?;
            page_for_zip(
                &html,
                &signpost_base::url_path::root_prefix(path),
                inputs.notice,
            )
            .into_bytes()
        } else {
            bytes
        };
        let name = format!(
            "{}/{}",
            inputs.folder,
            path.to_string_lossy().replace('\\', "/")
        );
        // What is already compressed (the search index, the wizard's wasm, a site's images
        // and documents) does not shrink: stored as it is, it costs no time.
        let options = if shrinks(&bytes) {
            options
        } else {
            options
                .compression_method(zip::CompressionMethod::Stored)
                .compression_level(None)
        };
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

/// Whether deflating `bytes` (at the zip's level) gains anything, judged on a sample of a
/// large file; a small file is compressed anyway (trying would cost as much).
fn shrinks(bytes: &[u8]) -> bool {
    const SAMPLE: usize = 16 * 1024;
    if bytes.len() < 4 * SAMPLE {
        return true;
    }
    let mut deflate = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(SAMPLE),
        flate2::Compression::new(LEVEL),
    );
    let deflated = deflate
        .write_all(&bytes[..SAMPLE])
        .and_then(|()| deflate.finish());
    // Under 90%: enough to be worth a traveller's download.
    deflated.is_ok_and(|d| d.len() < SAMPLE * 9 / 10)
}

/// Every file of the site to zip, sorted, as paths in the site.
fn files(
    site_dir: &Path,
    zip_path: &Path,
    leave_out: &(dyn Fn(&Path) -> bool + Sync),
) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(site_dir).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.file_type().is_file() || entry.path() == zip_path {
            continue;
        }
        let path = entry
            .path()
            .strip_prefix(site_dir)
            .expect("under the site")
            .to_path_buf();
        let hidden = path
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        if !hidden && !leave_out(&path) {
            files.push(path);
        }
    }
    Ok(files)
}

/// A page as the zip has it: the copy notice at the top, the script that shows when the
/// copy is out of date, and no links to download copies (they are not in the zip).
pub fn page_for_zip(html: &str, root: &str, notice: &str) -> String {
    let script = format!(
        "<script src=\"{root}{}/{}\" defer></script>\n",
        signpost_base::names::ASSETS_DIR,
        signpost_base::names::COPY_CHECK_SCRIPT
    );
    let html = markers::remove(html, &[markers::COPY_LINKS]);
    let main = markers::after_start_tag(&html, "main");
    let head = markers::before_end_tag(&html, "head");
    markers::insert_at(&html, &[(main, notice), (head, &script)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn stores_what_is_already_compressed() {
        let page = "<p>Guidance for travellers, with the same words again.</p>\n".repeat(2_000);
        assert!(shrinks(page.as_bytes()));
        // Like the search index: compressed (here random) data, base64-encoded.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let noise: Vec<u8> = (0..200_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        let packed = base64::engine::general_purpose::STANDARD.encode(noise);
        assert!(!shrinks(packed.as_bytes()));
        assert!(
            shrinks(b"tiny"),
            "small files are compressed without a trial"
        );
    }
}

#[cfg(test)]
mod abandon_tests {
    use super::*;

    /// A disk that fills after `room` bytes.
    struct FullDisk {
        room: usize,
    }

    impl Write for FullDisk {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(std::io::Error::other("No space left on device"));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Seek for FullDisk {
        fn seek(&mut self, _: SeekFrom) -> std::io::Result<u64> {
            Ok(0)
        }
    }

    #[test]
    fn a_zip_on_a_full_disk_fails_once_and_is_dropped_quietly() {
        let abandoned = Rc::new(Cell::new(false));
        let mut zip = zip::ZipWriter::new(Abandonable {
            inner: FullDisk { room: 100 },
            abandoned: Rc::clone(&abandoned),
        });
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("a.html", stored).unwrap();
        let written = (0..100).try_for_each(|_| zip.write_all(&[b'x'; 1000]));
        assert!(written.is_err());
        assert!(abandoned.get());
        // Finishing on drop writes nothing more, so there is no error to print.
        drop(zip);
    }
}
