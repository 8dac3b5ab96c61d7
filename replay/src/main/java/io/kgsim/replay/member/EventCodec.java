package io.kgsim.replay.member;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one-line JSON the parent and a child exchange: the spec on the command line, events on stdout. */
final class EventCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
        .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)   // no "detail":null on every line
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private EventCodec() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    static <T> T read(String line, Class<T> type) throws JsonProcessingException {
        return JSON.readValue(line, type);
    }
}
