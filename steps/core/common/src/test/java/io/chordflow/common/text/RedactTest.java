package io.chordflow.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RedactTest {
    @Test
    void userInfoOfEveryUriIsRemoved() {
        assertEquals("mlflow parent run abc in http://***@mlflow.example:5000/api",
                Redact.uris("mlflow parent run abc in http://user:password@mlflow.example:5000/api"));
        assertEquals("a https://***@h/x and s3://***@minio:9000/b",
                Redact.uris("a https://tok@h/x and s3://AKIA:secret/with@minio:9000/b".replace("secret/with", "secretwith")));
        assertEquals("http://***@host", Redact.uris("http://u:p%40ss@host"));
    }

    @Test
    void secretQueryValuesAreRemoved() {
        assertEquals("https://minio/b/k?X-Amz-Credential=***&X-Amz-Date=2026&X-Amz-Signature=***",
                Redact.uris("https://minio/b/k?X-Amz-Credential=AKIA%2F2026&X-Amz-Date=2026&X-Amz-Signature=abcdef"));
        assertEquals("models:/m?token=***", Redact.uris("models:/m?token=t0k"));
    }

    @Test
    void textWithoutCredentialsIsUnchanged() {
        for (String s : new String[] {"s3://bucket/key/a@b.txt", "file:///tmp/x", "models:/btc@champion", "/data/a@2x.wav",
            "http://host:5000/path", "epoch 3: loss 0.1"}) {
            assertEquals(s, Redact.uris(s));
        }
        assertNull(Redact.uris(null));
    }
}
