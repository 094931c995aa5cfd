"""Exports of claims and their chains: schema.org ClaimReview, W3C PROV-O, CSV.

Pure functions over model instances read through ``exports.selectors``; the views that serve them
are in ``exports.views`` (web app) and ``newsverify.api`` (JSON API).
"""
