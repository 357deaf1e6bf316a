#pragma once
// Precompiled for ncpeh_gateway: the heavy headers nearly every gateway file includes.
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
