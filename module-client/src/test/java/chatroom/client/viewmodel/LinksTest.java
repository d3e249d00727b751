package chatroom.client.viewmodel;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/// Links found in a message's text: what is a link, where it ends, what a click opens.
class LinksTest {

    private static List<Links.Segment> split(String text) {
        return Links.split(text);
    }

    private static Links.Link link(String text, String uri) {
        return new Links.Link(text, URI.create(uri));
    }

    private static Links.Plain plain(String text) {
        return new Links.Plain(text);
    }

    /// The links of `text`, as `written -> uri`.
    private static List<String> links(String text) {
        return split(text).stream().filter(Links.Link.class::isInstance).map(Links.Link.class::cast)
                .map(l -> l.text() + " -> " + l.uri()).toList();
    }

    @Test
    @DisplayName("text without links is one plain piece; empty text is no piece")
    void noLinks() {
        assertThat(split("just words, no http here")).containsExactly(plain("just words, no http here"));
        assertThat(split("")).isEmpty();
    }

    @Test
    @DisplayName("a message is cut into plain pieces and links, in order")
    void pieces() {
        assertThat(split("see https://example.org/a?b=c#d and http://x.io now")).containsExactly(
                plain("see "), link("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
                plain(" and "), link("http://x.io", "http://x.io"), plain(" now"));
        assertThat(split("https://example.org")).containsExactly(link("https://example.org", "https://example.org"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "go to https://example.org.|https://example.org -> https://example.org",
            "https://example.org/path, then|https://example.org/path -> https://example.org/path",
            "really?https://example.org/q?|https://example.org/q -> https://example.org/q",
            "(see https://example.org/x)|https://example.org/x -> https://example.org/x",
            "(see https://en.wikipedia.org/wiki/Java_(language))|https://en.wikipedia.org/wiki/Java_(language) -> https://en.wikipedia.org/wiki/Java_(language)",
            "[https://example.org/a]|https://example.org/a -> https://example.org/a",
            "`\"https://example.org/quoted\"`|https://example.org/quoted -> https://example.org/quoted",
            "“https://example.org/curly”|https://example.org/curly -> https://example.org/curly",
            "<https://example.org/angle>|https://example.org/angle -> https://example.org/angle",
            "wow https://example.org/!!!|https://example.org/ -> https://example.org/",
            "*https://example.org/bold*|https://example.org/bold -> https://example.org/bold",
            "it's at https://example.org/it's.|https://example.org/it's -> https://example.org/it's",
    })
    @DisplayName("sentence punctuation, quotes and unmatched brackets are left out of a link")
    void trailingPunctuation(String text, String expected) {
        assertThat(links(text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "www.example.com/page|www.example.com/page -> http://www.example.com/page",
            "WWW.Example.COM.|WWW.Example.COM -> http://WWW.Example.COM",
            "HTTPS://EXAMPLE.ORG|HTTPS://EXAMPLE.ORG -> https://EXAMPLE.ORG",
            "mailto:bob@example.org?subject=hi|mailto:bob@example.org?subject=hi -> mailto:bob@example.org?subject=hi",
            "http://localhost:8080/x|http://localhost:8080/x -> http://localhost:8080/x",
            "http://[::1]:8080/|http://[::1]:8080/ -> http://[::1]:8080/",
            "https://bücher.example/straße|https://bücher.example/straße -> https://xn--bcher-kva.example/stra%C3%9Fe",
            "https://example.org/a b|https://example.org/a -> https://example.org/a",
            "https://example.org/{x}|https://example.org/{x} -> https://example.org/%7Bx%7D",
            "https://example.org/100%/a%20b|https://example.org/100%/a%20b -> https://example.org/100%25/a%20b",
            "https://example.org/#a#b|https://example.org/#a#b -> https://example.org/#a%23b",
    })
    @DisplayName("www. and mailto: links, any case, ports, IPv6, other scripts and odd characters encoded")
    void kinds(String text, String expected) {
        assertThat(links(text)).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "file:///etc/passwd", "javascript:alert(1)", "ftp://example.org", "data:text/html,hi",
            "xhttps://example.org", "foo.www.example.com", "www.example", "https://", "http://.",
            "https://bank.example@evil.example/", "https://user:pw@example.org", "mailto:nobody",
            "http://example.org:99999999/", "jav\u0000ascript:https://x.org"
    })
    @DisplayName("nothing but http, https and mailto is ever a link; nor an address with a user part")
    void notLinks(String text) {
        assertThat(split(text)).noneMatch(segment -> segment instanceof Links.Link l
                && !l.uri().getScheme().toLowerCase().startsWith("http") && !l.uri().getScheme().equals("mailto"));
        assertThat(links(text)).allMatch(found -> found.startsWith("https://x.org"));
    }

    @Test
    @DisplayName("only http, https and mailto URIs can make a link")
    void openable() {
        assertThat(Links.openable(URI.create("https://example.org"))).isTrue();
        assertThat(Links.openable(URI.create("mailto:bob@example.org"))).isTrue();
        assertThat(Links.openable(URI.create("file:///etc/passwd"))).isFalse();
        assertThat(Links.openable(URI.create("javascript:alert(1)"))).isFalse();
        assertThat(Links.openable(URI.create("http:relative"))).isFalse();
        assertThat(Links.openable(URI.create("/relative"))).isFalse();
        assertThat(Links.openable(null)).isFalse();
        assertThatThrownBy(() -> link("x", "file:///etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("any text: the pieces give it back, none is empty, no two plain pieces touch, every link opens")
    void anyText() {
        var random = new Random(14);
        String[] parts = {"https://", "http://", "www.", "mailto:", "a@b.c", "example.org", ".", ",", "(", ")", "[",
                "]", " ", "\"", "'", "/", "?", "#", "%", "é", "日本", "x", "-", ":", "@", "\n", "<", "*", "!"};
        for (int run = 0; run < 5_000; run++) {
            String text = random.ints(random.nextInt(12), 0, parts.length).mapToObj(i -> parts[i])
                    .collect(Collectors.joining());
            List<Links.Segment> segments = split(text);

            assertThat(segments.stream().map(Links.Segment::text).collect(Collectors.joining())).as(text).isEqualTo(text);
            assertThat(segments).as(text).noneMatch(segment -> segment.text().isEmpty());
            for (int i = 1; i < segments.size(); i++) {
                assertThat(segments.get(i - 1) instanceof Links.Plain && segments.get(i) instanceof Links.Plain)
                        .as(text).isFalse();
            }
            assertThat(segments).as(text).allMatch(segment -> !(segment instanceof Links.Link l)
                    || Links.openable(l.uri()) && !l.text().endsWith(".") && !l.text().endsWith(","));
        }
    }
}
