package org.besuzkml.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.besuzkml.model.ModelException;
import org.besuzkml.proof.ProofJson;

/**
 * Every file a command writes goes through here: missing parent directories are created (as
 * {@code compile -o DIR} creates DIR), and a failure is one line naming the file, with the
 * IOException as cause so that {@link InspectCommand#fail} exits 1 (an I/O failure, not bad input).
 */
final class Outputs {
  private Outputs() {}

  /** Creates the parent directories of file: a command calls it before long work, to fail early. */
  static void prepare(Path file) throws ModelException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new ModelException("cannot write " + file + ": " + describe(e), e);
    }
  }

  static void write(Path file, byte[] bytes) throws ModelException {
    prepare(file);
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new ModelException("cannot write " + file + ": " + describe(e), e);
    }
  }

  static void write(Path file, String text) throws ModelException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  static void createDirectories(Path dir) throws ModelException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ModelException("cannot create directory " + dir + ": " + describe(e), e);
    }
  }

  /** NIO puts only the path in the message of these exceptions: say what went wrong instead. */
  static String describe(IOException e) {
    String what;
    if (e instanceof NoSuchFileException) {
      what = "no such file or directory";
    } else if (e instanceof AccessDeniedException) {
      what = "permission denied";
    } else if (e instanceof FileAlreadyExistsException) {
      what = "exists and is not a directory";
    } else if (e instanceof NotDirectoryException) {
      what = "not a directory";
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      what = f.getReason();
    } else {
      return ProofJson.firstLine(e.getMessage());
    }
    String f = e instanceof FileSystemException fs ? fs.getFile() : null;
    return f == null ? what : f + ": " + what;
  }
}
