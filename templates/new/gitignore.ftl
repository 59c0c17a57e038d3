<#-- .gitignore of a project made by `instacrud new`. Data: ProjectData. -->
target/
# the embedded MongoDB and the development secret (MODE=dev)
data/
.idea/
*.iml
.vscode/
