package chatroom.server.internal;

import chatroom.server.DataDirectoryException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/// The rooms' state log, `rooms.log`: every [RoomChange] as a line of text ([StateLine]),
/// replayed into [RoomStates] on [#open], appended to while running, compacted (rewritten
/// from the state) when it holds far more lines than the state needs. It also holds the id
/// floor of the private conversations (see [Archive#lastId]).
///
/// A change that cannot be written is kept and written again with the next one; the failure
/// is logged at `ERROR` once, then at `DEBUG` until writing works again.
///
/// Not thread-safe: the thread that opens the data directory uses it, then the journal thread.
final class StateLog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    /// Compaction while running waits until at least this many lines are not needed.
    static final long MIN_SLACK = 1000;

    /// What [#open] found, for the log and for tests.
    ///
    /// @param existed   whether the file was there
    /// @param lines     complete lines after the header
    /// @param damaged   lines skipped as damaged or not applicable
    /// @param tornTail  whether a last line without its newline was dropped
    /// @param compacted whether the file was rewritten
    /// @param problems  what was reported at `WARNING`, each `line N: what`
    record Recovery(boolean existed, long lines, long damaged, boolean tornTail, boolean compacted,
                    List<String> problems) {
        Recovery {
            problems = List.copyOf(problems);
        }
    }

    private final Path file;
    private final RoomStates states = new RoomStates();
    private FileChannel channel;
    private long end;
    private long lines;
    /// Written and forced; ids up to it are never given out again.
    private long idFloor;
    /// Lines not written yet (a write failed), each with its newline.
    private final StringBuilder unwritten = new StringBuilder();
    private boolean unforced;
    private boolean failing;
    private Recovery recovery;

    private StateLog(Path file) {
        this.file = file;
    }

    /// Opens `file`, creating it if needed, and replays it: a torn last line is dropped, a
    /// damaged line is reported at `WARNING` and skipped. Compacts the file when it holds
    /// more lines than the state needs (damage included).
    ///
    /// @throws DataDirectoryException if the file is not a rooms log, is of an unknown
    ///                                version, or cannot be read or written
    static StateLog open(Path file) throws DataDirectoryException {
        var log = new StateLog(file);
        try {
            log.recover();
            return log;
        } catch (IOException | RuntimeException e) {
            log.closeQuietly();
            if (e instanceof DataDirectoryException dataDirectory) {
                throw dataDirectory;
            }
            throw new DataDirectoryException("cannot use the rooms log " + file + ": " + e, e);
        }
    }

    RoomStates states() {
        return states;
    }

    Recovery recovery() {
        return recovery;
    }

    /// The private conversations' id floor as recorded.
    long idFloor() {
        return idFloor;
    }

    /// Complete lines in the file after the header.
    long lines() {
        return lines;
    }

    /// Applies `changes` to the state and writes them, forced if `force`. A failure is
    /// logged and the lines are written again with the next change.
    void append(List<RoomChange> changes, boolean force) {
        for (RoomChange change : changes) {
            states.apply(change).ifPresent(problem -> LOG.log(WARNING, "Rooms log: {0}", problem));
            unwritten.append(StateLine.encode(change)).append('\n');
        }
        write(force);
        if (unwritten.isEmpty() && lines >= 2 * needed() && lines - needed() >= MIN_SLACK) {
            try {
                compact();
            } catch (IOException e) {
                LOG.log(ERROR, "Compacting the rooms log {0} failed (it keeps growing until it works): {1}",
                        file, e.toString());
            }
        }
    }

    /// Makes sure no id up to `id` is given out again after a restart: raises the recorded id
    /// floor to `id + reserve` (written and forced) unless it is there already.
    void cover(long id, long reserve) throws IOException {
        if (id <= idFloor) {
            return;
        }
        long floor = id + reserve;
        unwritten.append(StateLine.idFloor(floor)).append('\n');
        if (!write(true)) {
            throw new IOException("cannot record the id floor in " + file);
        }
        idFloor = floor;
    }

    /// Raises the id floor in memory; written with the next compaction or [#cover].
    void raiseFloor(long floor) {
        idFloor = Math.max(idFloor, floor);
    }

    /// Forces what was written since the last force.
    void force() {
        if (!unforced || channel == null) {
            return;
        }
        try {
            channel.force(false);
            unforced = false;
        } catch (IOException e) {
            failed(e);
        }
    }

    /// Rewrites the file from the state (if it needs more lines than the state does).
    void compactIfLonger() throws IOException {
        if (lines > needed()) {
            compact();
        }
    }

    /// Lines the state needs: its changes, and the id floor.
    private long needed() {
        return states.needed() + (idFloor > 0 ? 1 : 0);
    }

    @Override
    public void close() {
        write(true);
        force();
        closeQuietly();
    }

    /// Writes what is unwritten at the end of the file; `true` when that worked.
    private boolean write(boolean force) {
        if (unwritten.isEmpty()) {
            if (force) {
                force();
            }
            return !unforced;
        }
        byte[] bytes = unwritten.toString().getBytes(StandardCharsets.UTF_8);
        try {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            var buffer = ByteBuffer.wrap(bytes);
            long position = end;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            unforced = true;
            if (force) {
                channel.force(false);
                unforced = false;
            }
        } catch (IOException e) {
            failed(e);
            try {
                if (channel != null) {
                    channel.truncate(end);
                }
            } catch (IOException ignored) {
                // The next write starts at the same place and overwrites what this one left.
            }
            return false;
        }
        end += bytes.length;
        lines += unwritten.chars().filter(c -> c == '\n').count();
        unwritten.setLength(0);
        if (failing) {
            failing = false;
            LOG.log(INFO, "The rooms log {0} is being written again", file);
        }
        return true;
    }

    private void failed(IOException e) {
        if (!failing) {
            failing = true;
            LOG.log(ERROR, "Cannot write the rooms log " + file + "; changes are kept and written again with the next"
                    + " one", e);
        } else {
            LOG.log(DEBUG, "Rooms log {0} still failing: {1}", file, e.toString());
        }
    }

    private void recover() throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = temporaryFile();
        Files.deleteIfExists(temporary);
        boolean existed = Files.exists(file);
        channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), Permissions.ownerOnly("rw-------"));
        byte[] content = Files.readAllBytes(file);
        int headerEnd = indexOf(content, 0);
        if (headerEnd < 0) {
            // Empty, or a header cut short: what a crash while the file was created leaves.
            if (content.length > 0 && !StateLine.header().startsWith(new String(content, StandardCharsets.UTF_8))) {
                throw notARoomsLog();
            }
            if (content.length > 0) {
                LOG.log(WARNING, "{0} holds only part of its header (a crash while it was created); starting it again",
                        file);
            }
            writeFresh(List.of());
            recovery = new Recovery(existed, 0, 0, false, content.length > 0, List.of());
            return;
        }
        long damaged = 0;
        long lineNumber = 1;
        boolean olderVersion = false;
        List<String> problems = new java.util.ArrayList<>();
        String header = new String(content, 0, headerEnd, StandardCharsets.UTF_8);
        if (!header.startsWith(StateLine.HEADER_PREFIX) && hasWholeLine(content, headerEnd + 1)) {
            // A damaged header over lines that are whole: read them (the file is rewritten
            // below), keeping the damaged file beside it, rather than not start at all.
            Path copy = file.resolveSibling(file.getFileName() + ".damaged");
            Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            damaged++;
            problems.add("line 1: not the header '" + StateLine.header() + "'; reading the lines after it (the file"
                    + " as it was is kept in " + copy.getFileName() + ")");
            LOG.log(WARNING, "{0} {1}", file, problems.getLast());
        } else {
            olderVersion = checkHeader(header) < StateLine.VERSION;
        }
        int start = headerEnd + 1;
        while (start < content.length) {
            int newline = indexOf(content, start);
            lineNumber++;
            if (newline < 0) {
                problems.add("line " + lineNumber + ": " + (content.length - start) + " bytes without a newline at the"
                        + " end (a crash while it was written); dropping them");
                LOG.log(WARNING, "{0} {1}", file, problems.getLast());
                break;
            }
            lines++;
            String problem = replay(content, start, newline);
            if (problem != null) {
                damaged++;
                problems.add("line " + lineNumber + ": " + problem + "; skipping it");
                LOG.log(WARNING, "{0} {1}", file, problems.getLast());
            }
            start = newline + 1;
        }
        boolean torn = start < content.length;
        end = torn ? start : content.length;
        long found = lines;
        // An older version's file is rewritten at once, so that no line of this version is
        // ever appended under an older header.
        boolean compact = torn || damaged > 0 || olderVersion || lines > needed();
        if (compact) {
            compact();
        }
        recovery = new Recovery(existed, found, damaged, torn, compact, problems);
    }

    /// Applies the line between `start` and `end`; returns what is wrong with it, if anything.
    private String replay(byte[] content, int start, int end) {
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, start, end - start))
                    .toString();
        } catch (CharacterCodingException e) {
            return "not UTF-8";
        }
        return switch (StateLine.parse(line)) {
            case StateLine.Damaged damaged -> damaged.problem();
            case StateLine.IdFloor floor -> {
                idFloor = Math.max(idFloor, floor.floor());
                yield null;
            }
            case StateLine.Change change -> states.apply(change.change()).orElse(null);
        };
    }

    /// Whether a complete line from `start` on is a valid change (its checksum right): what
    /// tells a rooms log with a damaged header from a file that is not a rooms log at all.
    private static boolean hasWholeLine(byte[] content, int start) {
        while (start < content.length) {
            int newline = indexOf(content, start);
            if (newline < 0) {
                return false;
            }
            String line = new String(content, start, newline - start, StandardCharsets.UTF_8);
            if (!(StateLine.parse(line) instanceof StateLine.Damaged)) {
                return true;
            }
            start = newline + 1;
        }
        return false;
    }

    /// The version `header` names, if this server reads it.
    private int checkHeader(String header) throws DataDirectoryException {
        if (!header.startsWith(StateLine.HEADER_PREFIX)) {
            throw notARoomsLog();
        }
        String version = header.substring(StateLine.HEADER_PREFIX.length());
        for (int known = StateLine.OLDEST_VERSION; known <= StateLine.VERSION; known++) {
            if (version.equals(Integer.toString(known))) {
                return known;
            }
        }
        throw new DataDirectoryException(file + " has rooms log format version " + version
                + "; this server reads versions " + StateLine.OLDEST_VERSION + " to " + StateLine.VERSION
                + " (use the chatroom version that wrote it, or move the file away)");
    }

    private DataDirectoryException notARoomsLog() {
        return new DataDirectoryException(file + " is not a chatroom rooms log (it does not start with '"
                + StateLine.header() + "'); move it away or choose another --data-dir");
    }

    /// Rewrites the file from the state: a temporary file, forced, renamed over the log in one
    /// step, the directory forced.
    private void compact() throws IOException {
        long before = lines;
        writeFresh(states.rebuild());
        unwritten.setLength(0);
        LOG.log(DEBUG, "Compacted {0}: {1} lines, {2} before", file, lines, before);
    }

    private void writeFresh(List<RoomChange> changes) throws IOException {
        var text = new StringBuilder(StateLine.header()).append('\n');
        for (RoomChange change : changes) {
            text.append(StateLine.encode(change)).append('\n');
        }
        if (idFloor > 0) {
            text.append(StateLine.idFloor(idFloor)).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Path temporary = temporaryFile();
        try (var out = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), Permissions.ownerOnly("rw-------"))) {
            var buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        closeQuietly();
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new DataDirectoryException("cannot replace " + file + " in one step (" + e.getMessage()
                    + "); the data directory needs a local file system", e);
        } finally {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        Permissions.forceDirectory(file.getParent());
        end = bytes.length;
        lines = changes.size() + (idFloor > 0 ? 1 : 0);
        unforced = false;
    }

    private Path temporaryFile() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    private static int indexOf(byte[] content, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(DEBUG, "Closing {0} failed: {1}", file, e.toString());
            }
            channel = null;
        }
    }
}
