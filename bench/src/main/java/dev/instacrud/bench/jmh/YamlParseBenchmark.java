package dev.instacrud.bench.jmh;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.instacrud.bench.spec.SyntheticSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first step of generation on its own: parsing a synthetic spec of N entities into a Jackson tree with
 * jackson-dataformat-yaml (duplicate keys detected, as the spec reader must). Divide by N for time per entity
 * ({@code JmhTable} does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class YamlParseBenchmark {

    /** Number of entities in the spec. */
    @Param({"10", "100", "1000"})
    public int entities;

    private String spec;
    private YAMLMapper mapper;

    /** Renders the spec once per trial. */
    @Setup
    public void setUp() {
        spec = SyntheticSpec.render(entities);
        mapper = YAMLMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** Parses the whole spec. */
    @Benchmark
    public JsonNode parse() throws Exception {
        return mapper.readTree(spec);
    }
}
