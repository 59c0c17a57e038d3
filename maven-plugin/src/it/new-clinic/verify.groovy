// target/clinic.jar starts and answers (the shared check: ../started-service.groovy).
def startAndProbe = evaluate(new File(basedir, '../../../src/it/started-service.groovy'))
return startAndProbe('clinic', [:])
