"""Helm charts and Kubernetes manifests: release notes, values read by templates, render defaults, RBAC grants, printer columns, switches turned on, template layout and nesting."""
