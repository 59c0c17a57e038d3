// Shared by the verify.N.groovy scripts: evaluate(new File(basedir, 'common.groovy')) returns this map.
import java.nio.file.Files

File gen = new File(basedir, 'target/generated-sources/instacrud')
[
    gen: gen,
    // the log of the build that just ran: the invoker appends every build of this project to build.log
    lastRun: { ->
        String log = new File(basedir, 'build.log').text
        log.substring(log.lastIndexOf('Scanning for projects...'))
    },
    // relative path -> modification time, of every file generated (the plugin's own records excluded)
    mtimes: { ->
        Map<String, String> times = [:]
        gen.eachFileRecurse { f ->
            String rel = gen.toPath().relativize(f.toPath()).toString().replace('\\', '/')
            if (f.isFile() && !rel.startsWith('.instacrud/')) {
                times[rel] = Files.getLastModifiedTime(f.toPath()).toString()
            }
        }
        times
    },
    recorded: new File(basedir, 'target/mtimes-after-build-1.properties'),
]
