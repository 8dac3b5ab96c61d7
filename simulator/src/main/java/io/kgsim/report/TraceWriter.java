package io.kgsim.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.kgsim.cluster.PartitionTable;
import io.kgsim.engine.Durations;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes {@code trace.jsonl}: one JSON object per group event, in event order, fields in a fixed
 * order ({@code t, event, group, member, generation, reason, partitions, owned, offsets,
 * members}), absent ones left out. {@code t} is virtual milliseconds.
 *
 * <p>The simulation thread only collects events, in batches; a second thread encodes and writes
 * them, in the same order, so the file's bytes are what one thread would have written. A large
 * run's trace is gigabytes (every assignment and revocation of a thousand members, a thousand
 * times), and encoding it on the simulation thread took a third of the run's wall time; on a
 * second core it overlaps with the simulation. The queue between them is bounded, so a slow
 * disk slows the run rather than filling memory. Events are immutable ({@link GroupEvent}), so
 * handing them to another thread needs no copy.
 *
 * <p>Events of types not asked for ({@link TraceOptions}) are dropped before they are batched,
 * so {@code --trace protocol} also spares the writer thread the commits.
 */
public final class TraceWriter implements GroupEventListener, AutoCloseable {
    private static final int BATCH = 4096;
    private static final GroupEvent[] END = new GroupEvent[0];
    private static final JsonFactory JSON = new JsonFactory();
    private static final SerializedString T = new SerializedString("t");
    private static final SerializedString EVENT = new SerializedString("event");
    private static final SerializedString GROUP = new SerializedString("group");
    private static final SerializedString MEMBER = new SerializedString("member");
    private static final SerializedString GENERATION = new SerializedString("generation");
    private static final SerializedString GROUP_EPOCH = new SerializedString("groupEpoch");
    private static final SerializedString MEMBER_EPOCH = new SerializedString("memberEpoch");
    private static final SerializedString REASON = new SerializedString("reason");
    private static final SerializedString PARTITIONS = new SerializedString("partitions");
    private static final SerializedString OWNED = new SerializedString("owned");
    private static final SerializedString OFFSETS = new SerializedString("offsets");
    private static final SerializedString MEMBERS = new SerializedString("members");
    private final JsonGenerator gen;
    private final PartitionTable<SerializedString> partitionNames = new PartitionTable<>();
    private final Map<GroupEventType, SerializedString> eventNames = new EnumMap<>(GroupEventType.class);
    private final BlockingQueue<GroupEvent[]> batches = new ArrayBlockingQueue<>(16);
    private final Thread writer;
    private final Set<GroupEventType> written;
    private GroupEvent[] batch = new GroupEvent[BATCH];
    private int size;
    private boolean closed;
    /** The writer thread's failure, if any: reported to the simulation thread at its next hand-over. */
    private volatile IOException failure;

    /**
     * Jackson's UTF-8 generator writes bytes itself: going through a {@code Writer} and the JDK's
     * charset encoder made writing a large run's trace (gigabytes) take as long as simulating it.
     */
    public TraceWriter(OutputStream out) {
        this(out, EnumSet.allOf(GroupEventType.class));
    }

    /** Writes only the events of the given types ({@code --trace protocol} leaves commits out). */
    public TraceWriter(OutputStream out, Set<GroupEventType> written) {
        this.written = EnumSet.copyOf(written);
        try {
            this.gen = JSON.createGenerator(out, JsonEncoding.UTF8);
            gen.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer = new Thread(this::writeBatches, "kgsim-trace-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void on(GroupEvent e) {
        if (!written.contains(e.type())) {
            return;
        }
        batch[size++] = e;
        if (size == BATCH) {
            handOver(batch);
            batch = new GroupEvent[BATCH];
            size = 0;
        }
    }

    private void handOver(GroupEvent[] events) {
        IOException failed = failure;
        if (failed != null) {
            throw new UncheckedIOException(failed);
        }
        try {
            batches.put(events);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing trace events to the writer", ex);
        }
    }

    /** The writer thread: encodes batches in order until the end marker; after a failure it only drains. */
    private void writeBatches() {
        try {
            for (GroupEvent[] events = batches.take(); events != END; events = batches.take()) {
                if (failure != null) {
                    continue;
                }
                try {
                    for (GroupEvent e : events) {
                        if (e == null) {
                            break;
                        }
                        write(e);
                    }
                } catch (IOException ex) {
                    failure = ex;
                } catch (RuntimeException | Error ex) {
                    // Never leave the simulation thread blocked on a full queue: fail, then drain.
                    failure = new IOException("writing trace.jsonl failed", ex);
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code generation} (classic) or {@code groupEpoch} / {@code memberEpoch} (consumer), where they apply. */
    private void writeEpoch(Epoch epoch) throws IOException {
        if (epoch.generation() >= 0) {
            gen.writeFieldName(GENERATION);
            gen.writeNumber(epoch.generation());
        }
        if (epoch.groupEpoch() >= 0) {
            gen.writeFieldName(GROUP_EPOCH);
            gen.writeNumber(epoch.groupEpoch());
        }
        if (epoch.memberEpoch() != -1) {
            gen.writeFieldName(MEMBER_EPOCH);
            gen.writeNumber(epoch.memberEpoch());
        }
    }

    /** One line: the event's fields in the fixed order the class comment gives, absent ones left out. */
    private void write(GroupEvent e) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(T);
        gen.writeNumber(Durations.millisText(e.timeUs()));
        gen.writeFieldName(EVENT);
        gen.writeString(eventNames.computeIfAbsent(e.type(), t -> new SerializedString(t.traceName())));
        writeString(GROUP, e.group());
        writeString(MEMBER, e.member());
        writeEpoch(e.epoch());
        writeString(REASON, e.reason());
        writePartitions(PARTITIONS, e.partitions());
        writePartitions(OWNED, e.owned());
        writeOffsets(e);
        writeMembers(e);
        gen.writeEndObject();
        gen.writeRaw('\n');
    }

    private void writeString(SerializedString field, String value) throws IOException {
        if (value != null) {
            gen.writeFieldName(field);
            gen.writeString(value);
        }
    }

    /** A commit's offsets, as {"topic-partition": offset}, in partition order. */
    private void writeOffsets(GroupEvent e) throws IOException {
        if (e.offsets() == null) {
            return;
        }
        gen.writeFieldName(OFFSETS);
        gen.writeStartObject();
        for (var o : e.offsets().entrySet()) {
            gen.writeFieldName(name(o.getKey()));
            gen.writeNumber(o.getValue());
        }
        gen.writeEndObject();
    }

    private void writeMembers(GroupEvent e) throws IOException {
        if (e.members() == null) {
            return;
        }
        gen.writeFieldName(MEMBERS);
        gen.writeStartArray();
        for (String m : e.members()) {
            gen.writeString(m);
        }
        gen.writeEndArray();
    }

    private void writePartitions(SerializedString field, List<TopicPartition> partitions) throws IOException {
        if (partitions == null) {
            return;
        }
        gen.writeFieldName(field);
        gen.writeStartArray();
        for (TopicPartition tp : partitions) {
            gen.writeString(name(tp));
        }
        gen.writeEndArray();
    }

    /**
     * {@code topic-partition}, encoded once per partition: a large run's trace names partitions
     * hundreds of millions of times.
     */
    private SerializedString name(TopicPartition tp) {
        return partitionNames.computeIfAbsent(tp, k -> new SerializedString(k.topic() + "-" + k.partition()));
    }

    /** Hands over what is left, waits for the writer to finish, and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                batches.put(Arrays.copyOf(batch, size));
            }
            batches.put(END);
            writer.join();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the trace was being written", ex);
        } finally {
            batch = null;
        }
        IOException failed = failure;
        if (failed != null) {
            try {
                gen.close();
            } catch (IOException closing) {
                failed.addSuppressed(closing);
            }
            throw failed;
        }
        gen.close();
    }
}
