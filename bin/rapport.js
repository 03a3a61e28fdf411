#!/usr/bin/env node
// Entry point of the `rapport` command: runs the compiled CLI.
import '../dist/cli/main.js';
