"""The build's stages that keep their results between runs (``.sitegen-cache/``), so that a
build after a change computes again only what the change reaches."""
