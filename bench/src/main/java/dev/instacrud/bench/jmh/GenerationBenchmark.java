package dev.instacrud.bench.jmh;

import dev.instacrud.bench.spec.SyntheticSpec;
import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.SpecResult;
import dev.instacrud.generator.output.GeneratedFile;
import java.util.List;
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
 * The whole generation pipeline in process, to memory: {@link Instacrud#load(String, String)} (parse the YAML with
 * positions, run every checker rule, build the model) and {@link Instacrud#sources} (every Java source and the
 * OpenAPI document), for a synthetic spec of N entities. Nothing touches the disk. Divide by N for time per entity
 * ({@code JmhTable} does).
 *
 * <p>The fork gets a 2 GB heap: at N = 1000 the pipeline holds about 200 MB of JavaPoet trees at once, and with
 * 512 MB the score measured the collector working at the heap limit rather than the pipeline. The footprint is
 * measured where it matters, by the whole-CLI runs ({@code run-generation.sh}, peak RSS).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 1)
public class GenerationBenchmark {

    /** Number of entities in the spec. */
    @Param({"10", "100", "1000"})
    public int entities;

    private String spec;

    /** Renders the spec once per trial and checks that it is valid, so a refusal cannot pass for a fast run. */
    @Setup
    public void setUp() {
        spec = SyntheticSpec.render(entities);
        SpecResult r = Instacrud.load("bench.yaml", spec);
        if (!r.isValid()) {
            throw new IllegalStateException("the synthetic spec is refused: " + r.formatted());
        }
    }

    /** Parse + check + model + emit + render, returning every generated file so none of it is dead code. */
    @Benchmark
    public List<GeneratedFile> generate() {
        SpecResult r = Instacrud.load("bench.yaml", spec);
        return Instacrud.sources(r.model().orElseThrow());
    }

    /** Parse + check + model only: the part before any code is written. */
    @Benchmark
    public SpecResult load() {
        return Instacrud.load("bench.yaml", spec);
    }
}
