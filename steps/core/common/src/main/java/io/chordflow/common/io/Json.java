package io.chordflow.common.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON configuration: stable key order so that the same content gives the same bytes. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();

    /** For maps whose insertion order is the meaning (mir_eval's metric order, table rows). */
    public static final com.fasterxml.jackson.databind.ObjectWriter IN_ORDER =
            MAPPER.writer().without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }
}
