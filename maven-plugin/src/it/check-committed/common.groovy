// Shared by the hook scripts: evaluate(new File(basedir, 'common.groovy')) returns this map.
[
    generated: new File(basedir, 'src/main/generated/org/example/shelves'),
    saved: new File(basedir, 'target/saved'),
    // the log of the build that just ran: the invoker appends every build of this project to build.log
    lastRun: { ->
        String log = new File(basedir, 'build.log').text
        log.substring(log.lastIndexOf('Scanning for projects...'))
    },
]
