package io.chordflow.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class S3SettingsTest {
    @Test
    void anEndpointWithCredentialsInItIsNeverShown() {
        S3Settings s = new S3Settings("http://minio:hunter2@minio.example:9000", "AKIAXYZ", "s3cr3tKey", null);
        assertEquals("S3Settings[endpoint=http://***@minio.example:9000, region=us-east-1, credentials=***]", s.toString());
        String msg = s.redact("GET s3://b/k at " + s.endpoint() + " failed: key AKIAXYZ signature s3cr3tKey");
        assertFalse(msg.contains("hunter2") || msg.contains("AKIAXYZ") || msg.contains("s3cr3tKey"), msg);
    }
}
