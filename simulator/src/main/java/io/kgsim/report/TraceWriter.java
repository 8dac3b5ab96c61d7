package io.kgsim.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.PartitionTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes {@code trace.jsonl}: one JSON object per group event, in event order, fields in a fixed
 * order ({@code t, event, group, member, generation, reason, partitions, owned, offsets,
 * members}), absent
 * ones left out. {@code t} is virtual milliseconds.
 */
public final class TraceWriter implements GroupEventListener, AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final SerializedString T = new SerializedString("t");
    private static final SerializedString EVENT = new SerializedString("event");
    private static final SerializedString GROUP = new SerializedString("group");
    private static final SerializedString MEMBER = new SerializedString("member");
    private static final SerializedString GENERATION = new SerializedString("generation");
    private static final SerializedString REASON = new SerializedString("reason");
    private static final SerializedString PARTITIONS = new SerializedString("partitions");
    private static final SerializedString OWNED = new SerializedString("owned");
    private static final SerializedString OFFSETS = new SerializedString("offsets");
    private static final SerializedString MEMBERS = new SerializedString("members");
    private final JsonGenerator gen;
    private final PartitionTable<SerializedString> partitionNames = new PartitionTable<>();
    private final Map<GroupEventType, SerializedString> eventNames = new EnumMap<>(GroupEventType.class);

    /**
     * Jackson's UTF-8 generator writes bytes itself: going through a {@code Writer} and the JDK's
     * charset encoder made writing a large run's trace (gigabytes) take as long as simulating it.
     */
    public TraceWriter(OutputStream out) {
        try {
            this.gen = JSON.createGenerator(out, JsonEncoding.UTF8);
            gen.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void on(GroupEvent e) {
        try {
            gen.writeStartObject();
            gen.writeFieldName(T);
            gen.writeNumber(Durations.millisText(e.timeUs()));
            gen.writeFieldName(EVENT);
            gen.writeString(eventNames.computeIfAbsent(e.type(), t -> new SerializedString(t.traceName())));
            if (e.group() != null) {
                gen.writeFieldName(GROUP);
                gen.writeString(e.group());
            }
            if (e.member() != null) {
                gen.writeFieldName(MEMBER);
                gen.writeString(e.member());
            }
            if (e.generation() >= 0) {
                gen.writeFieldName(GENERATION);
                gen.writeNumber(e.generation());
            }
            if (e.reason() != null) {
                gen.writeFieldName(REASON);
                gen.writeString(e.reason());
            }
            writePartitions(PARTITIONS, e.partitions());
            writePartitions(OWNED, e.owned());
            if (e.offsets() != null) {
                gen.writeFieldName(OFFSETS);
                gen.writeStartObject();
                for (var o : e.offsets().entrySet()) {
                    gen.writeFieldName(name(o.getKey()));
                    gen.writeNumber(o.getValue());
                }
                gen.writeEndObject();
            }
            if (e.members() != null) {
                gen.writeFieldName(MEMBERS);
                gen.writeStartArray();
                for (String m : e.members()) {
                    gen.writeString(m);
                }
                gen.writeEndArray();
            }
            gen.writeEndObject();
            gen.writeRaw('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
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

    @Override
    public void close() throws IOException {
        gen.close();
    }
}
