package dev.tviews.reports.html;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HtmlSafetyTest {

    @Test
    void textIsEscaped() {
        assertThat(Html.text("<script>alert('x')</script> & \"y\"").toString())
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
        assertThat(Html.el("a").attr("href", "\" onclick=\"evil()").text("x").build().toString())
                .isEqualTo("<a href=\"&quot; onclick=&quot;evil()\">x</a>");
    }

    @Test
    void tagAndAttributeNamesMustBePlainWords() {
        assertThatThrownBy(() -> Html.el("img onerror=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Html.el("a").attr("on click", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsAreMaskedInAnyText() {
        assertThat(Redactor.redact("jdbc:postgresql://db:5432/x?user=bench&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/x?user=bench&password=***&ssl=true");
        assertThat(Redactor.redact("postgresql://bench:hunter2@db:5432/x"))
                .isEqualTo("postgresql://bench:***@db:5432/x");
        assertThat(Redactor.redact("host=replica user=rep password=s3cr3t port=5432"))
                .isEqualTo("host=replica user=rep password=*** port=5432");
        assertThat(Redactor.redact("password='with space' next")).isEqualTo("password=*** next");
        assertThat(Redactor.redact("{\"password\": \"hunter2\"}")).doesNotContain("hunter2");
        assertThat(Redactor.redact("PGPASSWORD=hunter2 psql")).isEqualTo("PGPASSWORD=*** psql");
        assertThat(Redactor.redact("api_key: abc123")).isEqualTo("api_key: ***");
        assertThat(Redactor.redact("synchronous_commit=off")).isEqualTo("synchronous_commit=off");
        assertThat(Html.text("url password=hunter2").toString()).isEqualTo("url password=***");
    }

    @Test
    void sensitiveSettingNames() {
        assertThat(Redactor.isSensitiveName("ssl_passphrase_command")).isTrue();
        assertThat(Redactor.isSensitiveName("password")).isTrue();
        assertThat(Redactor.isSensitiveName("api_key")).isTrue();
        assertThat(Redactor.isSensitiveName("shared_buffers")).isFalse();
        assertThat(Redactor.isSensitiveName("synchronous_commit")).isFalse();
    }

    @Test
    void templateRefusesMissingAndUnusedValues() {
        Template template = Template.load("comparison.html");
        assertThatThrownBy(() -> template.render(Map.of("title", Html.text("x"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{{css}}");
    }
}
