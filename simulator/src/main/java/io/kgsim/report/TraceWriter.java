package io.kgsim.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes {@code trace.jsonl}: one JSON object per group event, in event order, fields in a fixed
 * order ({@code t, event, group, member, generation, reason, partitions, owned, offsets,
 * members}), absent
 * ones left out. {@code t} is virtual milliseconds.
 */
public final class TraceWriter implements GroupEventListener, AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private final Writer out;
    private final JsonGenerator gen;

    public TraceWriter(Writer out) {
        this.out = out;
        try {
            this.gen = JSON.createGenerator(out);
            gen.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void on(GroupEvent e) {
        try {
            gen.writeStartObject();
            gen.writeFieldName("t");
            gen.writeNumber(Durations.millisText(e.timeUs()));
            gen.writeStringField("event", e.type().traceName());
            if (e.group() != null) {
                gen.writeStringField("group", e.group());
            }
            if (e.member() != null) {
                gen.writeStringField("member", e.member());
            }
            if (e.generation() >= 0) {
                gen.writeNumberField("generation", e.generation());
            }
            if (e.reason() != null) {
                gen.writeStringField("reason", e.reason());
            }
            writePartitions("partitions", e.partitions());
            writePartitions("owned", e.owned());
            if (e.offsets() != null) {
                gen.writeObjectFieldStart("offsets");
                for (var o : e.offsets().entrySet()) {
                    gen.writeNumberField(o.getKey().topic() + "-" + o.getKey().partition(), o.getValue());
                }
                gen.writeEndObject();
            }
            if (e.members() != null) {
                gen.writeArrayFieldStart("members");
                for (String m : e.members()) {
                    gen.writeString(m);
                }
                gen.writeEndArray();
            }
            gen.writeEndObject();
            gen.flush();
            out.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void writePartitions(String field, List<TopicPartition> partitions) throws IOException {
        if (partitions == null) {
            return;
        }
        gen.writeArrayFieldStart(field);
        for (TopicPartition tp : partitions) {
            gen.writeString(tp.topic() + "-" + tp.partition());
        }
        gen.writeEndArray();
    }

    @Override
    public void close() throws IOException {
        gen.close();
        out.close();
    }
}
