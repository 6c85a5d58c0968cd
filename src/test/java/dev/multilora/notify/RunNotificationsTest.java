package dev.multilora.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunNotificationsTest {
    @Test
    void aFolderGetsTheSummaryUnderAHiddenTemporaryNameFirst() {
        assertEquals("file:/out?tempFileName=.run-1.json.part", RunNotifications.writtenWhole("file:/out", "run-1.json"));
        assertEquals("file:/out?fileExist=Override&tempFileName=.run-1.json.part",
                RunNotifications.writtenWhole("file:/out?fileExist=Override", "run-1.json"));
    }

    @Test
    void aTemporaryNameChosenInTheUriAndOtherEndpointsAreLeftAsTheyAre() {
        assertEquals("file:/out?tempPrefix=inflight-", RunNotifications.writtenWhole("file:/out?tempPrefix=inflight-", "run-1.json"));
        assertEquals("jms:queue:runs", RunNotifications.writtenWhole("jms:queue:runs", "run-1.json"));
    }

    @Test
    void aWebhookIsPostedToWithinTheTimeoutUnlessTheUriSaysOtherwise() {
        assertEquals("http://h/hook?httpMethod=POST&connectTimeout=1000&responseTimeout=1000&connectionRequestTimeout=1000",
                RunNotifications.withTimeouts("http://h/hook", 1000));
        assertEquals("http://h/hook?httpMethod=PUT&responseTimeout=5&connectTimeout=1000&connectionRequestTimeout=1000",
                RunNotifications.withTimeouts("http://h/hook?httpMethod=PUT&responseTimeout=5", 1000));
    }
}
